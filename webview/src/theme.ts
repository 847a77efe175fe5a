/** Colours for Chart.js, read from the page's CSS variables (VS Code's theme, or the browser fallbacks). */
import type { Severity } from '../../server/src/protocol/report';

export interface Theme {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  red: string;
  orange: string;
  yellow: string;
  green: string;
  blue: string;
  purple: string;
  font: string;
}

export function readTheme(root: Element = document.documentElement): Theme {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--dm-bg', '#ffffff'),
    foreground: read('--dm-fg', '#1f2328'),
    muted: read('--dm-muted', '#59636e'),
    grid: read('--dm-grid', 'rgba(128,128,128,0.25)'),
    red: read('--dm-red', '#d1242f'),
    orange: read('--dm-orange', '#d4760b'),
    yellow: read('--dm-yellow', '#bf8700'),
    green: read('--dm-green', '#1a7f37'),
    blue: read('--dm-blue', '#0969da'),
    purple: read('--dm-purple', '#8250df'),
    font: read('--dm-font', 'system-ui, sans-serif'),
  };
}

export function severityColour(theme: Theme, severity: Severity): string {
  return { high: theme.red, moderate: theme.orange, low: theme.yellow, none: theme.green }[severity];
}

export const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, moderate: 2, high: 3 };
