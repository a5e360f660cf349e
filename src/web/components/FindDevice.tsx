/**
 * "Find a device" in the header: type or scan an asset tag (or paste the address a label's QR code
 * holds), press Enter, land on the device's page.
 * Where the browser can read barcodes (`BarcodeDetector`), a button opens the camera in a modal
 * `<dialog>`; the camera code is a separate file, loaded only when pressed. No component library here:
 * the header ships with every page.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../api.ts';
import { scanTarget } from '../scan.ts';
import { errorText } from './ui.tsx';

/** Long enough for a pasted device address (`https://…/appareils/<uuid>`). */
const FIND_MAX_LENGTH = 300;

function hasBarcodeDetector(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window;
}

function CameraDialog({
  open,
  onClose,
  onRead,
}: {
  open: boolean;
  onClose: () => void;
  onRead: (value: string) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<'starting' | 'scanning' | 'failed'>('starting');
  // The latest callback, without restarting the camera each time the header renders.
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;

  useEffect(() => {
    const dialog = dialogRef.current;
    const video = videoRef.current;
    if (!dialog || !video) return;
    if (!open) {
      if (dialog.open) dialog.close();
      return;
    }
    if (!dialog.open) dialog.showModal();
    setStatus('starting');
    let stop: (() => void) | null = null;
    let cancelled = false;
    import('./camera.ts')
      .then(({ startScanning }) => {
        if (cancelled) return;
        stop = startScanning(video, {
          onStarted: () => setStatus('scanning'),
          onFailed: () => setStatus('failed'),
          onRead: (value) => onReadRef.current(value),
        });
      })
      .catch(() => setStatus('failed'));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="camera-dialog"
      aria-labelledby={titleId}
      onClose={() => {
        if (open) onClose();
      }}
    >
      <h2 id={titleId}>{t('find.cameraTitle')}</h2>
      <p role="status">
        {status === 'starting'
          ? t('find.cameraStarting')
          : status === 'failed'
            ? t('find.cameraFailed')
            : t('find.cameraHelp')}
      </p>
      <video ref={videoRef} className="camera-video" muted playsInline aria-label={t('find.cameraView')} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('find.cameraClose')}
        </button>
      </div>
    </dialog>
  );
}

export function FindDevice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [camera, setCamera] = useState(false);
  const [cameraUsed, setCameraUsed] = useState(false);

  async function find(raw: string) {
    if (busy) return;
    const target = scanTarget(raw);
    if (target.kind === 'device') {
      // A label's QR code: the device's own page (which says so if it does not exist).
      setText('');
      setMessage('');
      navigate(`/appareils/${target.id}`);
      return;
    }
    const { tag } = target;
    if (!tag) return;
    setBusy(true);
    setMessage('');
    try {
      const device = await api.deviceByTag(tag);
      setText('');
      navigate(`/appareils/${device.id}`);
    } catch (err) {
      setMessage(
        err instanceof ApiError && err.status === 404
          ? t('find.notFound', { tag })
          : errorText(err, t('errors.unexpected')),
      );
      inputRef.current?.select();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="find-device">
      {/* biome-ignore lint/a11y/useSemanticElements: older browsers know role=search, not <search>. */}
      <form
        role="search"
        aria-label={t('find.label')}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void find(text);
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {t('find.label')}
        </label>
        <input
          id={id}
          ref={inputRef}
          type="search"
          className="find-input"
          value={text}
          placeholder={t('find.placeholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={FIND_MAX_LENGTH}
          aria-describedby={`${id}-message`}
          onChange={(event) => {
            setText(event.target.value);
            if (message) setMessage('');
          }}
        />
        <button type="submit" className="header-button" aria-disabled={busy}>
          {busy ? t('find.searching') : t('find.submit')}
        </button>
        {hasBarcodeDetector() && (
          <button
            type="button"
            className="header-button"
            onClick={() => {
              setCameraUsed(true);
              setCamera(true);
            }}
          >
            {t('find.camera')}
          </button>
        )}
      </form>
      <p id={`${id}-message`} className="find-message" role="alert">
        {message}
      </p>
      {cameraUsed && (
        <CameraDialog
          open={camera}
          onClose={() => {
            setCamera(false);
            inputRef.current?.focus();
          }}
          onRead={(value) => {
            setCamera(false);
            const target = scanTarget(value);
            if (target.kind === 'tag') setText(target.tag);
            void find(value);
          }}
        />
      )}
    </div>
  );
}
