import type { ReactNode } from 'react';
import { CopyButton } from '../../components/copy-button';

/** A labelled URL with a copy button, as in Netskope's "SCIM Server URL" box (docs/netskope.md §3.2). */
export function UrlRow({ label, url, note }: { label: string; url: string; note?: ReactNode }) {
  return (
    <div className="url-row">
      <div className="url-label">{label}</div>
      <div className="url-value">
        <code className="url-text">{url}</code>
        <CopyButton text={url} label="Copy" />
      </div>
      {note && <div className="url-note muted">{note}</div>}
    </div>
  );
}
