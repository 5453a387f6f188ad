// A QR code from the `uqr` encoder drawn as one SVG path (one rectangle per run of dark modules), so
// it stays sharp at any size and is plain React, never markup from a string.
import { useMemo } from 'react';
import { encode } from 'uqr';

export function QrCode({ text, label, className = '' }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className={`qr ${className}`} role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges">
      <rect className="qr-light" width={size} height={size} />
      <path className="qr-dark" d={path} />
    </svg>
  );
}

/** The QR code of `text` as one SVG path, and its size in modules. */
export function qrPath(text: string): { size: number; path: string } {
  // ECC "M" survives a phone photographing a screen with glare; the border is the quiet zone scanners need.
  const qr = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const from = x;
      while (x < row.length && row[x]) x++;
      path += `M${from} ${y}h${x - from}v1h${from - x}z`;
    }
  });
  return { size: qr.size, path };
}
