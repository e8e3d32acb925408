/**
 * Marks a column or field that Netskope's own admin UI does not show (docs/netskope.md §15:
 * "extra emulator columns … are visibly marked as emulator additions").
 */
export function EmulatorMark() {
  return (
    <abbr className="emu-mark" title="Emulator addition: not shown in Netskope's admin UI">
      EMU
    </abbr>
  );
}
