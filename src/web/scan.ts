/**
 * What a barcode scanner, the camera or a paste gives when reading a label: the QR code holds the
 * device's page address (`PUBLIC_URL/appareils/<uuid>`), the Code 128 its asset tag (`SV-000123`).
 */

export type ScanTarget = { kind: 'device'; id: string } | { kind: 'tag'; tag: string };

const DEVICE_PATH =
  /\/appareils\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/i;
const ASSET_TAG = /SV-?\d{1,12}/i;

/**
 * The device a scan points to: its id when the text is (or holds) a device page's address, whatever
 * the instance's host; else the asset tag it holds, or the trimmed text itself.
 */
export function scanTarget(text: string): ScanTarget {
  const address = DEVICE_PATH.exec(text);
  if (address?.[1]) return { kind: 'device', id: address[1].toLowerCase() };
  const tag = ASSET_TAG.exec(text);
  return { kind: 'tag', tag: (tag ? tag[0] : text).trim() };
}
