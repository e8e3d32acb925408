/**
 * The detail panel beside a table (user, request). It takes the focus when it opens so that a
 * keyboard user who pressed Enter on a row lands in it; Esc closes it and gives the focus back
 * to the table it came from.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface DrawerProps {
  label: string;
  title: ReactNode;
  /** changes when another item is shown in the same drawer */
  itemKey: string;
  onClose(): void;
  children: ReactNode;
  titleClassName?: string;
}

/** A labelled complementary region with a close button. */
export function Drawer({ label, title, itemKey, onClose, children, titleClassName }: DrawerProps) {
  const ref = useRef<HTMLElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    if (!opener.current) opener.current = document.activeElement;
    // only take the focus from a table row, never from a search box the user is typing in
    if (document.activeElement?.closest('[role="rowgroup"]')) ref.current?.focus();
  }, [itemKey]);

  const close = () => {
    const back = opener.current;
    onClose();
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    else document.querySelector<HTMLElement>('.vtable-body')?.focus();
  };

  return (
    <aside
      ref={ref}
      className="drawer"
      aria-label={label}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="drawer-head">
        <h2 className={titleClassName}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={`Close ${label.toLowerCase()}`}
          onClick={close}
        >
          ×
        </button>
      </header>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
