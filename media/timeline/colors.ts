// Theme colours, read from the CSS variables VS Code sets on the webview's <html> element.
// The variables can be missing (an older VS Code, a plain browser): every one has a fallback
// for light and for dark themes, chosen by the theme class VS Code puts on <body>.

export interface Theme {
  foreground: string;
  background: string;
  grid: string;
  fontFamily: string;
  fontSize: number;
  /** Line colours for the series of a chart, in order; repeats when a chart has more. */
  series: string[];
  /** The shade of a spike band: translucent, so the lines inside stay visible. */
  band: string;
}

// VS Code's own chart colours first (they follow the theme), then fixed extras.
const SERIES_VARIABLES: Array<[name: string, light: string, dark: string]> = [
  ['--vscode-charts-blue', '#1a85ff', '#3794ff'],
  ['--vscode-charts-red', '#e51400', '#f14c4c'],
  ['--vscode-charts-green', '#388a34', '#89d185'],
  ['--vscode-charts-orange', '#d18616', '#d18616'],
  ['--vscode-charts-purple', '#652d90', '#b180d7'],
  ['--vscode-charts-yellow', '#bf8803', '#cca700'],
];
const EXTRA_SERIES = ['#0c8599', '#c2255c', '#5c940d', '#845ef7'];

export function isDarkTheme(): boolean {
  const classes = document.body.classList;
  return classes.contains('vscode-dark') || (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'));
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const dark = isDarkTheme();
  const read = (name: string, light: string, darkValue: string): string =>
    style.getPropertyValue(name).trim() || (dark ? darkValue : light);
  const fontSize = parseFloat(read('--vscode-font-size', '13', '13'));
  return {
    foreground: read('--vscode-editor-foreground', '#333333', '#cccccc'),
    background: read('--vscode-editor-background', '#ffffff', '#1e1e1e'),
    grid: read('--vscode-panel-border', 'rgba(128, 128, 128, 0.35)', 'rgba(128, 128, 128, 0.35)'),
    fontFamily: read('--vscode-font-family', 'system-ui, sans-serif', 'system-ui, sans-serif'),
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
    series: [...SERIES_VARIABLES.map(([name, light, darkValue]) => read(name, light, darkValue)), ...EXTRA_SERIES],
    band: dark ? 'rgba(255, 190, 60, 0.16)' : 'rgba(230, 150, 0, 0.14)',
  };
}

/** Calls `onChange` (once per frame at most) when VS Code switches the theme. */
export function watchTheme(onChange: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  // VS Code swaps the class on <body> and rewrites the variables in <html>'s style.
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
