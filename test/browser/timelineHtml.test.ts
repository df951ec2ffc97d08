// The timeline page's HTML and its category colours, without a browser.
import * as assert from 'node:assert/strict';
import { escapeHtml, timelineCsp, timelineHtml } from '../../client/src/timeline/html';
import { CATEGORIES } from '../../server/src/logs/types';
import { CATEGORY_COLORS, contrast, textColorOn } from '../../server/src/timeline/palette';

const OPTIONS = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abcDEF0123456789abcDEF0123456789',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/timeline.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/timeline.css',
  title: 'Incident 1: <script>alert(1)</script> & "more"',
};

describe('timelineHtml', () => {
  const html = timelineHtml(OPTIONS);

  it('sets the strict CSP: the nonce for the one script and the stylesheet, nothing inline, no eval', () => {
    const expected = "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; " +
      "style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-abcDEF0123456789abcDEF0123456789'; " +
      "script-src 'nonce-abcDEF0123456789abcDEF0123456789'; font-src https://file+.vscode-resource.vscode-cdn.net";
    assert.equal(timelineCsp(OPTIONS.cspSource, OPTIONS.nonce), expected);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${expected.replace(/'/g, '&#39;')}">`));
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('loads only the bundle, with the nonce, and has no inline script, style or handler', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${OPTIONS.nonce}" src="${OPTIONS.scriptUri}">`]);
    assert.match(html, /<script [^>]*><\/script>/, 'the script tag is empty');
    assert.ok(html.includes(`<link rel="stylesheet" href="${OPTIONS.styleUri}" nonce="${OPTIONS.nonce}">`));
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  });

  it('escapes the title', () => {
    const escaped = 'Incident 1: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;';
    assert.ok(html.includes(`<title>${escaped}</title>`));
    assert.ok(html.includes(`<h1 id="title">${escaped}</h1>`));
    assert.ok(!html.includes('<script>alert'));
  });

  it('keeps a quote in a URI inside its attribute', () => {
    const page = timelineHtml({ ...OPTIONS, scriptUri: 'x" onload="alert(1)' });
    assert.ok(page.includes('src="x&quot; onload=&quot;alert(1)"'));
    assert.equal(escapeHtml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('timeline category colours', () => {
  const backgrounds = { light: '#ffffff', dark: '#1e1e1e', 'high contrast': '#000000' };

  it('has a colour for every category, each readable on light, dark and high-contrast editors (≥ 3:1)', () => {
    assert.deepEqual(Object.keys(CATEGORY_COLORS).sort(), [...CATEGORIES].sort());
    for (const [category, color] of Object.entries(CATEGORY_COLORS)) {
      for (const [theme, background] of Object.entries(backgrounds)) {
        const ratio = contrast(color, background);
        assert.ok(ratio >= 3, `${category} ${color} on ${theme} ${background}: ${ratio.toFixed(2)}`);
      }
    }
  });

  it('labels each line in black or white, whichever reads (≥ 4.5:1)', () => {
    for (const [category, color] of Object.entries(CATEGORY_COLORS)) {
      const ratio = contrast(color, textColorOn(color));
      assert.ok(ratio >= 4.5, `${category} label: ${ratio.toFixed(2)}`);
    }
  });

  it('gives categories colours that can be told apart', () => {
    const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const entries = Object.entries(CATEGORY_COLORS);
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const [a, b] = [rgb(entries[i][1]), rgb(entries[j][1])];
        const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        assert.ok(distance >= 50, `${entries[i][0]} and ${entries[j][0]} are too alike (${distance.toFixed(0)})`);
      }
    }
  });
});
