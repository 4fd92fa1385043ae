// The demo shop's products. Prices are in cents; events carry amounts as "24.00".
export type Product = {
  slug: string;
  name: string;
  tagline: string;
  description: string;
  priceCents: number;
  inStock: boolean;
  art: "bag" | "grinder" | "kettle" | "cup";
  tint: string; // Tailwind background classes for the product art
  accent: string; // the art's main colour
};

export const CURRENCY = "EUR";

export const PRODUCTS: Product[] = [
  {
    slug: "espresso-roast",
    name: "Espresso Roast",
    tagline: "1 kg · chocolate, caramel",
    description: "Our house blend of Brazilian and Colombian beans, roasted dark for a syrupy shot with notes of cocoa and caramel.",
    priceCents: 2400,
    inStock: true,
    art: "bag",
    tint: "from-amber-100 to-orange-50",
    accent: "#9a3412",
  },
  {
    slug: "yirgacheffe",
    name: "Ethiopia Yirgacheffe",
    tagline: "250 g · jasmine, lemon",
    description: "A washed single origin from Gedeo, roasted light for filter: floral, bright and clean, with a long citrus finish.",
    priceCents: 1850,
    inStock: true,
    art: "bag",
    tint: "from-lime-100 to-emerald-50",
    accent: "#3f6212",
  },
  {
    slug: "hand-grinder",
    name: "Hand Grinder",
    tagline: "Steel burrs · 40 settings",
    description: "Conical steel burrs and a stepped dial from espresso to French press. Grinds 20 g in under a minute.",
    priceCents: 5900,
    inStock: true,
    art: "grinder",
    tint: "from-slate-200 to-slate-50",
    accent: "#334155",
  },
  {
    slug: "gooseneck-kettle",
    name: "Gooseneck Kettle",
    tagline: "0.9 l · thermometer lid",
    description: "A slow, steady pour for pour-over brewing, with a thermometer in the lid. Back soon: the last batch sold out.",
    priceCents: 4500,
    inStock: false,
    art: "kettle",
    tint: "from-sky-100 to-indigo-50",
    accent: "#1e3a8a",
  },
];

export const productBySlug = (slug: string) => PRODUCTS.find((p) => p.slug === slug);

export const formatPrice = (cents: number) =>
  new Intl.NumberFormat("en-IE", { style: "currency", currency: CURRENCY }).format(cents / 100);

/** The amount as events carry it: "24.00". */
export const amountOf = (cents: number) => (cents / 100).toFixed(2);
