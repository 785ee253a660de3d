import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Notebook runs start a real kernel and browser tests start Chromium: give them room,
    // and keep parallelism to the two cores CI machines have.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
