// Small flat illustrations for the demo's products, so the shop needs no image files.
import type { Product } from "./catalog";

export function ProductArt({ product, className = "" }: { product: Product; className?: string }) {
  const c = product.accent;
  return (
    <div className={`flex items-center justify-center bg-linear-to-br ${product.tint} ${className}`} aria-hidden="true">
      <svg viewBox="0 0 120 120" className="h-3/5 w-3/5 drop-shadow-sm">
        {product.art === "bag" ? (
          <>
            <path d="M34 30h52l6 74a6 6 0 0 1-6 6H34a6 6 0 0 1-6-6l6-74Z" fill={c} />
            <path d="M34 30h52l-4-12H38l-4 12Z" fill={c} opacity="0.75" />
            <rect x="40" y="52" width="40" height="30" rx="4" fill="#fff" opacity="0.92" />
            <ellipse cx="60" cy="67" rx="7" ry="10" fill={c} transform="rotate(20 60 67)" />
            <path d="M57 59c4 5 4 11 1 16" stroke="#fff" strokeWidth="1.6" fill="none" />
          </>
        ) : product.art === "grinder" ? (
          <>
            <rect x="44" y="44" width="32" height="58" rx="6" fill={c} />
            <rect x="44" y="62" width="32" height="6" fill="#fff" opacity="0.35" />
            <rect x="50" y="34" width="20" height="12" rx="3" fill={c} opacity="0.8" />
            <path d="M60 34V22h26" stroke={c} strokeWidth="5" strokeLinecap="round" fill="none" />
            <circle cx="88" cy="22" r="7" fill={c} opacity="0.85" />
          </>
        ) : product.art === "kettle" ? (
          <>
            <path d="M30 98c0-26 10-46 30-46s30 20 30 46a6 6 0 0 1-6 6H36a6 6 0 0 1-6-6Z" fill={c} />
            <path d="M36 70 18 40l-6 2" stroke={c} strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" fill="none" />
            <path d="M84 66c14 0 18 10 12 22" stroke={c} strokeWidth="6" strokeLinecap="round" fill="none" />
            <rect x="50" y="42" width="20" height="10" rx="4" fill={c} opacity="0.8" />
            <circle cx="60" cy="38" r="4" fill={c} />
          </>
        ) : (
          <>
            <path d="M30 50h50v28a22 22 0 0 1-22 22h-6a22 22 0 0 1-22-22V50Z" fill={c} />
            <path d="M80 58h6a10 10 0 0 1 0 20h-6" stroke={c} strokeWidth="6" fill="none" />
          </>
        )}
      </svg>
    </div>
  );
}
