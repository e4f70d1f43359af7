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
  },
});
