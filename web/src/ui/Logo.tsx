/** The Sievert mark: the radiation trefoil on the province's navy, the same drawing as the favicon. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#12355b" />
      <path
        fill="#f2c14e"
        d="M18.30 12.02L21.50 6.47A11 11 0 0 0 10.50 6.47L13.70 12.02A4.6 4.6 0 0 1 18.30 12.02ZM11.40 16.00L5.00 16.00A11 11 0 0 0 10.50 25.53L13.70 19.98A4.6 4.6 0 0 1 11.40 16.00ZM18.30 19.98L21.50 25.53A11 11 0 0 0 27.00 16.00L20.60 16.00A4.6 4.6 0 0 1 18.30 19.98Z"
      />
      <circle cx="16" cy="16" r="2.6" fill="#f2c14e" />
    </svg>
  );
}
