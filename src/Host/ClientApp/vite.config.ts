import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The application's scripts are added to the page by a script that runs after index.html's early requests for the
 * signed-in user and 工作台's rows, instead of being named in the page, where the browser's preload scanner asks for
 * all twenty of them first: over HTTP/1.1's six connections per host the early requests then queued behind them
 * (first load of 工作台: the three early answers took 1.1–1.3 s, now 0.15–0.3 s).
 */
function scriptsAfterEarlyRequests(): Plugin {
  return {
    name: 'scripts-after-early-requests',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tags = /\s*<(script type="module"|link rel="modulepreload")[^>]*?(src|href)="([^"]+)"[^>]*>(<\/script>)?/g;
        const scripts = [...html.matchAll(tags)].map((m) => [(m[1] ?? '').startsWith('script') ? 'script' : 'link', m[3]]);
        const add = `<script>${JSON.stringify(scripts)}.forEach(function (s) {
        var e = document.createElement(s[0]);
        if (s[0] === 'script') { e.type = 'module'; e.src = s[1]; } else { e.rel = 'modulepreload'; e.href = s[1]; }
        e.crossOrigin = '';
        document.head.appendChild(e);
      });</script>`;
        // Before the stylesheet: a script after a stylesheet still loading waits for it.
        const stripped = html.replace(tags, '');
        const at = stripped.search(/<link rel="stylesheet"|<\/head>/);
        return `${stripped.slice(0, at)}${add}\n    ${stripped.slice(at)}`;
      },
    },
  };
}

// Built into the Host's wwwroot, which serves it; `npm run dev` proxies the API to a running Host.
export default defineConfig({
  plugins: [react(), scriptsAfterEarlyRequests()],
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:5000',
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Date filters cover whole days in the browser's zone: the tests read them as a browser in China would.
    env: { TZ: 'Asia/Shanghai' },
  },
});
