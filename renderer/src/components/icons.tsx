/**
 * Inline SVG icons: no icon font or emoji font is needed (those are missing on many Linux
 * desktops, and the CSP allows no external fonts). Paths are simple 16×16 line drawings.
 */
const PATHS = {
  plug: 'M6 1v4M10 1v4M4 5h8v3a4 4 0 0 1-8 0zM8 12v3',
  key: 'M10.5 1.5a4 4 0 1 1-3.46 6L1.5 13v1.5H4V13h1.5v-1.5H7l1.04-1.04A4 4 0 0 1 10.5 1.5zM11.5 4.5h.01',
  user: 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2.5 15a5.5 5.5 0 0 1 11 0',
  users:
    'M6 7.5a2.75 2.75 0 1 0 0-5.5 2.75 2.75 0 0 0 0 5.5zM1 14.5a5 5 0 0 1 10 0M11 2.2a2.75 2.75 0 0 1 0 5.1M12.5 9.8a5 5 0 0 1 2.5 4.7',
  list: 'M5 3h10M5 8h10M5 13h10M1.5 3h.01M1.5 8h.01M1.5 13h.01',
  gear: 'M8 10.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3',
  trash: 'M2 4h12M6 4V2h4v2M3.5 4l.8 10.5h7.4L12.5 4M6.5 7v5M9.5 7v5',
  bolt: 'M9 1 3 9h4.5L6.5 15 13 7H8.5z',
  funnel: 'M1.5 2h13L9.5 8.5V14l-3-1.5v-4z',
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative icon (aria-hidden); give the surrounding button its accessible name. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
