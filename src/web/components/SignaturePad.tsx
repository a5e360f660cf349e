/**
 * A small signature pad for a handover on a tablet: a `<canvas>` drawn with a finger, a stylus or the
 * mouse (pointer events), « Effacer la signature », and the drawing handed back as a PNG data URL. It is
 * optional and never takes the keyboard focus (nothing to do there with keys): keyboard and screen-reader
 * users tick « signé sur papier » instead, as the help text says.
 */
import { type PointerEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The server's limit on the data URL (`signature`). */
export const SIGNATURE_MAX_LENGTH = 200_000;

const WIDTH = 480;
const HEIGHT = 160;

export function SignaturePad({ onChange }: { onChange: (dataUrl: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);

  function point(event: PointerEvent<HTMLCanvasElement>): [number, number] {
    const canvas = event.currentTarget;
    const rect = canvas.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) * canvas.width) / rect.width,
      ((event.clientY - rect.top) * canvas.height) / rect.height,
    ];
  }

  function start(event: PointerEvent<HTMLCanvasElement>) {
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const [x, y] = point(event);
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#111';
    context.beginPath();
    context.moveTo(x, y);
    // A dot for a tap.
    context.lineTo(x + 0.1, y + 0.1);
    context.stroke();
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    const [x, y] = point(event);
    context.lineTo(x, y);
    context.stroke();
  }

  function end(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    const url = event.currentTarget.toDataURL('image/png');
    setDrawn(true);
    onChange(url.length <= SIGNATURE_MAX_LENGTH ? url : null);
  }

  function clear() {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    setDrawn(false);
    onChange(null);
  }

  return (
    <div className="field signature-field">
      <p className="label" id={`${id}-label`}>
        {t('signature.label')}
        <span className="field-flag"> ({t('common.optional')})</span>
      </p>
      <p className="help" id={`${id}-help`}>
        {t('signature.help')}
      </p>
      <canvas
        ref={canvasRef}
        className="signature-pad"
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-help ${id}-state`}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <div className="signature-actions">
        <span className="small muted" id={`${id}-state`}>
          {drawn ? t('signature.drawn') : t('signature.empty')}
        </span>
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={clear}
          aria-disabled={!drawn}
        >
          {t('signature.clear')}
        </button>
      </div>
    </div>
  );
}
