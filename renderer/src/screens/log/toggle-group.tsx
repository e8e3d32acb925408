/** A row of toggle buttons (aria-pressed) for multi-value filters such as methods or status classes. */
export function ToggleGroup<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly T[];
  value: T[];
  onChange(next: T[]): void;
}) {
  return (
    <div className="toggle-group" role="group" aria-label={label}>
      {options.map((o) => {
        const on = value.includes(o);
        return (
          <button
            key={o}
            type="button"
            className="button small"
            aria-pressed={on}
            onClick={() => onChange(on ? value.filter((v) => v !== o) : [...value, o])}
          >
            {o}
          </button>
        );
      })}
    </div>
  );
}
