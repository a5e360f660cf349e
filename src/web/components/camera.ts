/**
 * Reads an asset-tag label (QR code or Code 128) with the device's camera, through the browser's own
 * `BarcodeDetector`. Loaded only when someone presses "Scan with the camera"; imports nothing, so that it
 * stays a small separate file.
 */

interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}

type BarcodeDetectorConstructor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

const FORMATS = ['qr_code', 'code_128'];

/**
 * Shows the camera in `video` and looks for a code four times a second. Calls `onRead` once with the
 * first code read, `onFailed` when the camera cannot be used, `onStarted` when the picture shows.
 * Returns the function that stops the camera.
 */
export function startScanning(
  video: HTMLVideoElement,
  handlers: { onRead: (value: string) => void; onFailed: () => void; onStarted: () => void },
): () => void {
  let stream: MediaStream | null = null;
  let timer: number | undefined;
  let stopped = false;
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  (async () => {
    try {
      if (!Detector || !navigator.mediaDevices?.getUserMedia) throw new Error('unsupported');
      const detector = new Detector({ formats: FORMATS });
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      if (stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      video.srcObject = stream;
      await video.play();
      handlers.onStarted();
      const scan = async () => {
        if (stopped) return;
        try {
          const [found] = await detector.detect(video);
          if (found?.rawValue) {
            handlers.onRead(found.rawValue);
            return;
          }
        } catch {
          // A frame that could not be read: try the next one.
        }
        timer = window.setTimeout(scan, 250);
      };
      void scan();
    } catch {
      if (!stopped) handlers.onFailed();
    }
  })();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    for (const track of stream?.getTracks() ?? []) track.stop();
    video.srcObject = null;
  };
}
