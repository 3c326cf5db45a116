import { useCallback, type KeyboardEvent } from 'react';

/**
 * Arrow-key movement between the focusable rows of a list or table: ↑/↓ move, Home/End jump.
 * Rows opt in with `data-row` on their main link or button.
 */
export function useListKeys(): (event: KeyboardEvent<HTMLElement>) => void {
  return useCallback((event: KeyboardEvent<HTMLElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-row]')];
    if (rows.length === 0) return;
    const index = rows.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'ArrowDown'
        ? Math.min(rows.length - 1, index + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : rows.length - 1;
    event.preventDefault();
    rows[next]?.focus();
  }, []);
}
