/** Pretty-prints JSON (a value or a JSON string); shows other text as is. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  let text: string;
  if (value === null || value === undefined || value === '') {
    return <p className="muted">(empty)</p>;
  } else if (typeof value === 'string') {
    try {
      text = JSON.stringify(JSON.parse(value) as unknown, null, 2);
    } catch {
      text = value;
    }
  } else {
    text = JSON.stringify(value, null, 2);
  }
  return (
    <pre className="code" tabIndex={0} aria-label={label}>
      {text}
    </pre>
  );
}
