import { encode } from 'uqr';

/**
 * A QR code on a canvas, dark on white as scanners expect, with the quiet zone the standard asks for.
 * Encoding is done by `uqr` (about 8 kB gzipped); drawing is ours.
 */
export function qrCanvas(text: string, size = 320): HTMLCanvasElement {
  const qr = encode(text, { ecc: 'M', border: 4 });
  const canvas = document.createElement('canvas');
  const cell = Math.max(2, Math.floor(size / qr.size));
  canvas.width = canvas.height = cell * qr.size;
  canvas.className = 'qr';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', text);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#0a0f15';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) context.fillRect(x * cell, y * cell, cell, cell);
    }),
  );
  return canvas;
}
