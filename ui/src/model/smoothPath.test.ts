import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Point, SmoothCurve } from './smoothPath.js';
import { curvePathData, pointOnPiece, smoothCurve } from './smoothPath.js';

function samples(curve: SmoothCurve, from: number): Point[] {
  const start = from === 0 ? curve.start : curve.pieces[from - 1].to;
  return Array.from({ length: 33 }, (_, i) => pointOnPiece(start, curve.pieces[from], i / 32));
}

describe('smoothCurve', () => {
  test('passes through every point, in order', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 60, y: 80 },
      { x: 100, y: 80 },
    ];
    const curve = smoothCurve(points);
    expect(curve.start).toEqual(points[0]);
    expect(curve.pieces.map((p) => p.to)).toEqual(points.slice(1));
  });

  test('a level leg is drawn straight, and the curve leaves and arrives level', () => {
    const curve = smoothCurve([
      { x: 0, y: 10 },
      { x: 12, y: 10 },
      { x: 100, y: 90 },
      { x: 300, y: 90 },
      { x: 312, y: 90 },
    ]);
    for (const p of [...samples(curve, 0), ...samples(curve, 2), ...samples(curve, 3)]) expect(p.y === 10 || p.y === 90).toBe(true);
    expect(curve.pieces[0].c1.y).toBe(10);
    expect(curve.pieces[3].c2.y).toBe(90);
  });

  test('never overshoots: between two points the curve stays inside the box they span', () => {
    const route = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: -300, max: 300 })), { minLength: 2, maxLength: 9 })
      .chain((steps) => fc.constantFrom(1, -1).map((dir) => ({ steps, dir })));
    fc.assert(
      fc.property(route, ({ steps, dir }) => {
        let x = 0;
        const points = steps.map(([dx, y]) => ({ x: (x += dx * dir), y }));
        const curve = smoothCurve(points);
        const outside = curve.pieces.flatMap((piece, i) => {
          const from = i === 0 ? curve.start : curve.pieces[i - 1].to;
          const within = (v: number, a: number, b: number) => v >= Math.min(a, b) - 1e-9 && v <= Math.max(a, b) + 1e-9;
          return samples(curve, i).filter((p) => !within(p.x, from.x, piece.to.x) || !within(p.y, from.y, piece.to.y));
        });
        expect(outside).toEqual([]);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test('repeated points are dropped; one point is no curve', () => {
    expect(smoothCurve([{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 4, y: 5 }]).pieces).toHaveLength(1);
    expect(smoothCurve([{ x: 1, y: 1 }]).pieces).toEqual([]);
  });

  test('path data', () => {
    expect(curvePathData(smoothCurve([{ x: 0, y: 0 }, { x: 30, y: 15 }]))).toBe('M 0 0 C 10 5, 20 10, 30 15');
  });
});
