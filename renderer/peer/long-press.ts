// A long press (touch, pen or mouse held still), for what a desktop shows on hover: phones have no
// hover. The browser's own long-press menu is kept out of the way on the same element.
import { useEffect, useRef, type PointerEvent } from 'react';

/** How long a press must last to count. */
const LONG_PRESS_MS = 450;

export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const cancel = () => clearTimeout(timer.current);
  useEffect(() => cancel, []);
  return {
    onPointerDown(event: PointerEvent) {
      if (event.button !== 0) return;
      cancel();
      timer.current = setTimeout(onLongPress, LONG_PRESS_MS);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
    onContextMenu(event: { preventDefault(): void }) {
      event.preventDefault();
    },
  };
}
