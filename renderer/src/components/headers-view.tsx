/** HTTP headers as a definition list (names as sent; secrets were redacted by the server). */
export function HeadersView({ headers }: { headers: Record<string, string> }) {
  const names = Object.keys(headers);
  if (names.length === 0) return <p className="muted">(none)</p>;
  return (
    <dl className="headers">
      {names.map((name) => (
        <div key={name} className="header-row">
          <dt>{name}</dt>
          <dd>{headers[name]}</dd>
        </div>
      ))}
    </dl>
  );
}
