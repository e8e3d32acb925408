import { useState } from 'react';

/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context, which both the
 * app protocol and http://127.0.0.1 are (W3C Secure Contexts §3.2, loopback is potentially
 * trustworthy); if it is refused anyway, the button says so instead of failing silently.
 */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button
      type="button"
      className="button small"
      onClick={() => void copy()}
      aria-label={`${label}: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select and press Ctrl+C' : label}
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
    </button>
  );
}
