import { useEffect, useRef } from 'preact/hooks';

/** A 28x28 digit (values in [0, 1]) drawn as ink on paper. */
export function Thumb({ pixels, label, size = 56 }: { pixels: Float32Array; label: string; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current!.getContext('2d')!;
    const img = ctx.createImageData(28, 28);
    pixels.forEach((v, i) => {
      const g = 255 - Math.round(255 * Math.min(1, Math.max(0, v)));
      img.data.set([g, g, g, 255], 4 * i);
    });
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} class="thumb" width={28} height={28} style={{ width: size, height: size }} role="img" aria-label={label} />;
}
