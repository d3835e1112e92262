interface QuickBooksIconProps {
  size?: number;
  /** Give a label when the icon stands alone; beside the words "QuickBooks" it is decoration. */
  label?: string;
}

/** The green QuickBooks roundel, drawn inline so it needs no image request. */
export function QuickBooksIcon({ size = 16, label }: QuickBooksIconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
      style={{ flexShrink: 0 }}
    >
      <circle cx="12" cy="12" r="12" fill="#2CA01C" />
      <path
        d="M10.6 16.4H8.9a4.4 4.4 0 0 1 0-8.8h1.7v11.2M13.4 7.6h1.7a4.4 4.4 0 0 1 0 8.8h-1.7V4.8"
        fill="none"
        stroke="#fff"
        strokeWidth="1.9"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
