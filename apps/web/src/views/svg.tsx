/** An SVG chart drawn by @lstmkit/plot (in the worker), shown as is, with a label for screen readers. */
export function Svg({ svg, label, id, onClick, onPointer }: { svg?: string; label: string; id?: string; onClick?: (e: MouseEvent) => void; onPointer?: (e: PointerEvent) => void }) {
  if (!svg) return null;
  return <figure class="chart" id={id} role="img" aria-label={label} onClick={onClick} onPointerMove={onPointer} dangerouslySetInnerHTML={{ __html: svg }} />;
}
