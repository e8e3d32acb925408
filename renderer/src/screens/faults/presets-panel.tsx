/** Ready-made rules: one click adds (or re-arms) the rule, enabled, at the end of the list. */
import type { FaultPreset } from '../../../../server/admin/contract';
import { useFaults } from '../../stores/faults-store';

export function PresetsPanel({ presets }: { presets: FaultPreset[] }) {
  const add = useFaults((s) => s.addPreset);
  return (
    <ul className="fault-presets">
      {presets.map((p) => (
        <li key={p.id}>
          <button type="button" className="button" onClick={() => void add(p.id)}>
            {p.label}
          </button>
          <span className="muted">{p.description}</span>
        </li>
      ))}
    </ul>
  );
}
