/**
 * A small inline SVG line of values in [0, 1] (null = no data that day, a gap in the line), with a
 * dashed line at the target. No script and no library: it renders in any browser and in e-mail.
 */
export function sparkline(
  values: Array<number | null>,
  target: number | null,
  width = 120,
  height = 28,
): string {
  const n = values.length;
  if (!n) return '';
  const x = (i: number) => (n === 1 ? width / 2 : (i * width) / (n - 1)).toFixed(1);
  const y = (v: number) => (height - 2 - v * (height - 4)).toFixed(1);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i)},${y(Math.min(1, Math.max(0, v)))}`);
  });
  if (current.length) segments.push(current.join(' '));
  const lines = segments
    .map((pts) =>
      pts.includes(' ')
        ? `<polyline points="${pts}" fill="none" stroke="#36c" stroke-width="1.5"/>`
        : `<circle cx="${pts.split(',')[0]}" cy="${pts.split(',')[1]}" r="1.5" fill="#36c"/>`,
    )
    .join('');
  const goal =
    target === null
      ? ''
      : `<line x1="0" x2="${width}" y1="${y(target)}" y2="${y(target)}" stroke="#c33" stroke-dasharray="3 2" stroke-width="1"/>`;
  return `<svg class="spark" role="img" aria-label="trend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${goal}${lines}</svg>`;
}
