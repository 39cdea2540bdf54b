export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One cubic Bézier piece, from where the previous piece ended (or the curve's start) to `to`. */
export interface CubicPiece {
  readonly c1: Point;
  readonly c2: Point;
  readonly to: Point;
}

export interface SmoothCurve {
  readonly start: Point;
  readonly pieces: readonly CubicPiece[];
}

/**
 * A smooth curve through every point of a route whose x only grows (or only shrinks): monotone cubic interpolation
 * (Steffen, 1990) written as cubic Béziers. It never overshoots: between two points the curve stays inside the
 * rectangle they span, so a route whose legs keep clear of something is drawn keeping clear of it, a level leg is
 * drawn straight, and a curve whose first and last legs are level leaves and arrives level.
 */
export function smoothCurve(points: readonly Point[]): SmoothCurve {
  const p = points.filter((q, i) => i === 0 || q.x !== points[i - 1].x || q.y !== points[i - 1].y);
  if (p.length < 2) return { start: p[0] ?? { x: 0, y: 0 }, pieces: [] };
  const slope = p.slice(1).map((q, i) => (q.x === p[i].x ? 0 : (q.y - p[i].y) / (q.x - p[i].x)));
  const tangent = p.map((_, i) => (i === 0 || i === p.length - 1 ? 0 : steffenTangent(p[i - 1], p[i], p[i + 1])));
  const last = p.length - 1;
  if (last === 1) {
    tangent[0] = slope[0];
    tangent[1] = slope[0];
  } else {
    // The ends: the one-sided choice that keeps the end pieces monotone too.
    tangent[0] = (3 * slope[0] - tangent[1]) / 2;
    tangent[last] = (3 * slope[last - 1] - tangent[last - 1]) / 2;
  }
  const pieces = p.slice(1).map((to, i): CubicPiece => {
    const from = p[i];
    const third = (to.x - from.x) / 3;
    if (third === 0) return { c1: from, c2: to, to };
    return { c1: { x: from.x + third, y: from.y + tangent[i] * third }, c2: { x: to.x - third, y: to.y - tangent[i + 1] * third }, to };
  });
  return { start: p[0], pieces };
}

/** The slope at `b` (dy/dx): zero where the route turns back in y, never steeper than keeps both sides monotone. */
function steffenTangent(a: Point, b: Point, c: Point): number {
  const h0 = b.x - a.x;
  const h1 = c.x - b.x;
  if (h0 === 0 || h1 === 0) return 0;
  const s0 = (b.y - a.y) / h0;
  const s1 = (c.y - b.y) / h1;
  if (s0 * s1 <= 0) return 0;
  const p = (s0 * h1 + s1 * h0) / (h0 + h1);
  return Math.sign(s0) * Math.min(2 * Math.abs(s0), 2 * Math.abs(s1), Math.abs(p));
}

/** The point at `t` (0..1) along one piece that starts at `from`. */
export function pointOnPiece(from: Point, piece: CubicPiece, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * from.x + b * piece.c1.x + c * piece.c2.x + d * piece.to.x, y: a * from.y + b * piece.c1.y + c * piece.c2.y + d * piece.to.y };
}

/** SVG path data for the curve, coordinates to a tenth of a pixel. */
export function curvePathData(curve: SmoothCurve): string {
  const r = (v: number): number => Math.round(v * 10) / 10;
  const xy = (q: Point): string => `${r(q.x)} ${r(q.y)}`;
  return [`M ${xy(curve.start)}`, ...curve.pieces.map((c) => `C ${xy(c.c1)}, ${xy(c.c2)}, ${xy(c.to)}`)].join(' ');
}
