import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download.ts';

describe('fileNameFromDisposition', () => {
  it('reads the quoted file name the report route sends', () => {
    expect(fileNameFromDisposition('attachment; filename="audit-report-ar_aa66.html"')).toBe('audit-report-ar_aa66.html');
  });

  it('reads an unquoted name and prefers the UTF-8 form', () => {
    expect(fileNameFromDisposition('attachment; filename=report.md')).toBe('report.md');
    expect(fileNameFromDisposition(`attachment; filename="fallback.json"; filename*=UTF-8''r%C3%A9sum%C3%A9.json`)).toBe('résumé.json');
  });

  it('keeps only the base name and answers null when there is none', () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition('attachment; filename=".."')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});
