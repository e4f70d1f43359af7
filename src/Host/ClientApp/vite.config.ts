import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Built into the Host's wwwroot, which serves it; `npm run dev` proxies the API to a running Host.
export default defineConfig({
  plugins: [react()],
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
