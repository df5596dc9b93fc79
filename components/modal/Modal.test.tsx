import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Modal } from './Modal';

/**
 * Escape closes the modal from the moment its form is in the DOM (happy-dom): the frame's early listener is removed
 * right after the first render (entrypoints/modal/main.tsx), so the form's own must be in place by then, not a frame
 * later. Found in real Chromium: an Escape pressed as the form appeared left the modal open (focus-trap.test.ts).
 */
describe('Modal', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('closes on an Escape pressed right after the first render, before any frame or timer', () => {
    document.body.append(root);
    const onClose = vi.fn();
    render(<Modal task={null} onClose={onClose} />, root);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
