import { DatasetError } from '../errors.js';

/** Pixels of a drawing: an `ImageData` from a canvas fits as is (RGBA, 0..255). */
export interface PixelImage {
  /** Row-major pixel values, 0..255: `channels` values per pixel. */
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** How {@link digitFromPixels} reads the drawing. */
export interface DigitFromPixelsOptions {
  /**
   * Values per pixel: 4 (RGBA, as a canvas' `ImageData`) or 1 (gray). Default: worked out from the data's length.
   */
  readonly channels?: 1 | 4;
  /**
   * `'dark'` (default): dark ink on a light or transparent background (a pen on paper, black strokes on a fresh
   * canvas). `'light'`: light ink on a dark background, as MNIST itself is stored.
   */
  readonly ink?: 'dark' | 'light';
}

/** Side of an MNIST image, and of the box its digit is scaled to fit (MNIST's own preprocessing). */
const SIDE = 28;
const BOX = 20;

/**
 * A drawn digit of any size -> one 28x28 MNIST-style image (784 values, row-major: 28 timesteps of 28 features,
 * as one sample of the `mnist` dataset), prepared as MNIST's digits were: the bounding box of the ink is scaled to
 * fit 20x20 keeping its aspect ratio (area averaging, so strokes keep their gray edges), then placed in the 28x28
 * field so its centre of mass is at the centre. Values are in [0, 1] with the darkest ink at 1, the scale of the
 * embedded digits (pixels / 255, ink 1 and background 0).
 *
 * Returns `null` when there is no ink at all (an empty canvas): there is no digit to read.
 * Throws a {@link DatasetError} when the data does not match width x height x channels.
 */
export function digitFromPixels(image: PixelImage, options: DigitFromPixelsOptions = {}): Float32Array | null {
  const ink = inkOf(image, options);
  const box = inkBox(ink, image.width, image.height);
  if (box === null) return null;
  const fitted = fitBox(ink, image.width, box);
  return centreByMass(fitted.pixels, fitted.width, fitted.height);
}

/** Ink per pixel in [0, 1]. RGBA is read as composed over the background the ink stands out from. */
function inkOf(image: PixelImage, options: DigitFromPixelsOptions): Float32Array {
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new DatasetError('digitFromPixels: width/height', `expected positive whole numbers, got ${width} x ${height}`);
  }
  const pixels = width * height;
  const channels = options.channels ?? (data.length === pixels * 4 ? 4 : 1);
  if (data.length !== pixels * channels) {
    throw new DatasetError('digitFromPixels: data', `expected ${width} x ${height} x ${channels} = ${pixels * channels} values, got ${data.length}`);
  }
  const dark = (options.ink ?? 'dark') === 'dark';
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    if (channels === 1) {
      const v = data[i]! / 255;
      out[i] = dark ? 1 - v : v;
      continue;
    }
    const o = i * 4;
    // Rec. 601 luma, then alpha: a transparent pixel is background whatever its colour.
    const luma = (0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!) / 255;
    const alpha = data[o + 3]! / 255;
    out[i] = alpha * (dark ? 1 - luma : luma);
  }
  return out;
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Smallest rectangle holding every pixel with ink; null when there is none. */
function inkBox(ink: Float32Array, width: number, height: number): Box | null {
  // Below half a gray level counts as background, so compression noise on a scanned page does not widen the box.
  const threshold = 0.5 / 255;
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! <= threshold) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  if (right < 0) return null;
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The box scaled so its longer side is 20 pixels, by area averaging (each output pixel = mean ink it covers). */
function fitBox(ink: Float32Array, stride: number, box: Box): { pixels: Float32Array; width: number; height: number } {
  const scale = BOX / Math.max(box.width, box.height);
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  // Exact source extent of each output pixel, so the aspect ratio is kept even after rounding the size.
  const sx = box.width / width;
  const sy = box.height / height;
  const pixels = new Float32Array(width * height);
  let max = 0;
  for (let oy = 0; oy < height; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < width; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      let sum = 0;
      for (let y = Math.floor(y0); y < Math.min(Math.ceil(y1), box.height); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.min(Math.ceil(x1), box.width); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          sum += wx * wy * ink[(box.top + y) * stride + box.left + x]!;
        }
      }
      const v = sum / (sx * sy);
      pixels[oy * width + ox] = v;
      if (v > max) max = v;
    }
  }
  // The embedded digits reach 1 at their darkest; a gray pen or thin strokes are brought to the same scale.
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(1, pixels[i]! / max);
  return { pixels, width, height };
}

/**
 * Places the fitted digit in the 28x28 field with its centre of mass (rounded to a pixel) on pixel (14, 14), the
 * convention of MNIST's digits (their centres of mass are at 14..15 in pixel-centre coordinates).
 */
function centreByMass(pixels: Float32Array, width: number, height: number): Float32Array {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x]!;
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  // Keep the whole box inside the field even when the mass sits far off its middle.
  const left = clamp(Math.round(SIDE / 2 - mx / mass), 0, SIDE - width);
  const top = clamp(Math.round(SIDE / 2 - my / mass), 0, SIDE - height);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < height; y++) out.set(pixels.subarray(y * width, (y + 1) * width), (top + y) * SIDE + left);
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
