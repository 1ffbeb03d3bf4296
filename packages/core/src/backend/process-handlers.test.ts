import { describe, expect, it } from 'vitest';
import { initBackend } from './init-backend';

describe('the wasm backend in an application', () => {
  it("leaves the process's uncaughtException and unhandledRejection handlers as they were", async () => {
    const count = () => [process.listeners('uncaughtException').length, process.listeners('unhandledRejection').length];
    const before = count();
    await initBackend('wasm');
    // Emscripten's own handlers rethrow from its minified source (~40 KB printed, exit code 7).
    expect(count()).toEqual(before);
  });
});
