import { describe, expect, it } from 'vitest';
import { CSV_HEADER, formatIrisCsv, parseIrisCsv } from './iris-csv.ts';

describe('iris CSV', () => {
  it('round-trips samples through format and parse', () => {
    const samples = [
      { features: [5.1, 3.5, 1.4, 0.2], label: 'setosa' },
      { features: [6.3, 3.3, 6, 2.5], label: 'virginica' },
    ];
    const text = formatIrisCsv(samples);
    expect(text.startsWith(CSV_HEADER + '\n')).toBe(true);
    expect(parseIrisCsv(text)).toEqual(samples);
  });

  it('rejects a wrong header, a short row and a non-numeric cell, naming the line', () => {
    expect(() => parseIrisCsv('a,b,c\n1,2,3\n')).toThrow(/expected header/);
    expect(() => parseIrisCsv(`${CSV_HEADER}\n1,2,3,setosa\n`)).toThrow(/line 2: expected 5 columns/);
    expect(() => parseIrisCsv(`${CSV_HEADER}\n1,2,3,4,setosa\n1,x,3,4,setosa\n`)).toThrow(/line 3: "x" is not a number/);
  });
});
