"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { PRODUCTS, formatPrice, productBySlug, type Product } from "./catalog";
import type { Account, CartLine } from "./demo-storage";
import { ProductArt } from "./product-art";

const primary =
  "inline-flex items-center justify-center gap-2 rounded-full bg-stone-900 px-5 py-2.5 text-sm font-medium text-white transition-colors hover:bg-stone-700 disabled:opacity-50";
const secondary =
  "inline-flex items-center justify-center gap-2 rounded-full bg-white px-5 py-2.5 text-sm font-medium text-stone-800 ring-1 ring-stone-300 transition-colors ring-inset hover:bg-stone-50";

export function Onboarding({ onDone }: { onDone: () => void }) {
  const points = [
    { title: "Roasted this week", text: "Small batches from our roastery, shipped within two days of roasting." },
    { title: "Free shipping over €50", text: "And a free refill bag with every grinder." },
    { title: "Never miss a restock", text: "Sold out? Ask us to tell you when it is back." },
  ];
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-stone-900/40 p-4 backdrop-blur-[2px]">
      <div role="dialog" aria-modal="true" aria-labelledby="onboarding-title" className="w-full max-w-lg rounded-3xl bg-white p-8 shadow-2xl">
        <p className="text-xs font-semibold tracking-widest text-amber-700 uppercase">Welcome</p>
        <h2 id="onboarding-title" className="mt-1 text-2xl font-semibold tracking-tight text-stone-900">
          Good coffee, at home
        </h2>
        <ol className="mt-6 space-y-4">
          {points.map((point, i) => (
            <li key={point.title} className="flex gap-4">
              <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-amber-100 text-sm font-semibold text-amber-800">
                {i + 1}
              </span>
              <div>
                <p className="font-medium text-stone-900">{point.title}</p>
                <p className="text-sm text-stone-600">{point.text}</p>
              </div>
            </li>
          ))}
        </ol>
        <div className="mt-8 flex items-center justify-between gap-4">
          <p className="text-xs text-stone-500">Finishing logs ONBOARDING_COMPLETE.</p>
          <button type="button" className={primary} onClick={onDone}>
            Start shopping
          </button>
        </div>
      </div>
    </div>
  );
}

export function Catalog({ onOpen }: { onOpen: (product: Product) => void }) {
  return (
    <div>
      <section className="relative mb-8 overflow-hidden rounded-3xl bg-linear-to-br from-stone-900 to-stone-700 px-8 py-10 text-white">
        <p className="text-xs font-semibold tracking-widest text-amber-300 uppercase">New harvest</p>
        <h1 className="mt-2 max-w-md text-3xl font-semibold tracking-tight">Fresh beans and the tools to brew them</h1>
        <p className="mt-3 max-w-md text-sm leading-6 text-stone-300">Roasted in small batches, shipped the same week.</p>
        <svg viewBox="0 0 200 160" className="absolute top-1/2 right-6 hidden h-40 -translate-y-1/2 sm:block" aria-hidden="true">
          {[
            [40, 40, -20, "#b45309"],
            [110, 30, 25, "#92400e"],
            [160, 80, -35, "#d97706"],
            [70, 100, 40, "#78350f"],
            [135, 130, 10, "#b45309"],
          ].map(([x, y, angle, fill], i) => (
            <g key={i} transform={`translate(${x} ${y}) rotate(${angle})`}>
              <ellipse rx="22" ry="30" fill={String(fill)} />
              <path d="M-3 -26c10 16 10 36 0 52" stroke="#1c1917" strokeWidth="3" fill="none" opacity="0.55" />
            </g>
          ))}
        </svg>
      </section>
      <ul className="grid grid-cols-1 gap-5 sm:grid-cols-2" aria-label="Products">
        {PRODUCTS.map((product) => (
          <li key={product.slug}>
            <button
              type="button"
              onClick={() => onOpen(product)}
              className="group block w-full overflow-hidden rounded-2xl bg-white text-left ring-1 ring-stone-200 transition hover:shadow-md hover:ring-stone-300 focus-visible:outline-2 focus-visible:outline-amber-600"
              aria-label={product.name}
            >
              <ProductArt product={product} className="aspect-[4/3] transition-transform duration-300 group-hover:scale-[1.02]" />
              <div className="flex items-start justify-between gap-3 px-5 py-4">
                <div>
                  <p className="font-medium text-stone-900">{product.name}</p>
                  <p className="text-sm text-stone-500">{product.tagline}</p>
                </div>
                <div className="text-right">
                  <p className="font-medium text-stone-900">{formatPrice(product.priceCents)}</p>
                  {!product.inStock ? <p className="text-xs font-medium text-rose-600">Sold out</p> : null}
                </div>
              </div>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ProductPage({
  product,
  notified,
  onBack,
  onAdd,
  onNotify,
}: {
  product: Product;
  notified: boolean;
  onBack: () => void;
  onAdd: (qty: number) => void;
  onNotify: () => void;
}) {
  const [qty, setQty] = useState(1);
  const [added, setAdded] = useState(false);
  return (
    <div>
      <button type="button" onClick={onBack} className="mb-5 text-sm font-medium text-stone-500 hover:text-stone-900">
        ← All products
      </button>
      <div className="grid grid-cols-1 gap-8 md:grid-cols-2">
        <ProductArt product={product} className="aspect-square rounded-3xl" />
        <div className="flex flex-col justify-center">
          <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{product.name}</h1>
          <p className="mt-1 text-stone-500">{product.tagline}</p>
          <p className="mt-4 text-2xl font-medium text-stone-900">{formatPrice(product.priceCents)}</p>
          <p className="mt-4 leading-7 text-stone-600">{product.description}</p>
          {product.inStock ? (
            <div className="mt-8 flex flex-wrap items-center gap-3">
              <label className="flex items-center gap-2 text-sm text-stone-600">
                Quantity
                <select
                  value={qty}
                  onChange={(e) => setQty(Number(e.target.value))}
                  className="rounded-full border-0 bg-white py-2 pr-8 pl-4 text-sm ring-1 ring-stone-300 ring-inset"
                >
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className={primary}
                onClick={() => {
                  onAdd(qty);
                  setAdded(true);
                }}
              >
                Add to cart
              </button>
              {added ? <span className="text-sm text-emerald-700" role="status">Added to your cart</span> : null}
            </div>
          ) : (
            <div className="mt-8 rounded-2xl bg-rose-50 p-5 ring-1 ring-rose-100">
              <p className="font-medium text-rose-900">Sold out for now</p>
              <p className="mt-1 text-sm text-rose-800/80">We will let you know the moment it is back.</p>
              <button type="button" className={`${secondary} mt-4`} onClick={onNotify} disabled={notified}>
                {notified ? "You're on the list" : "Notify me when back in stock"}
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

export function CartView({
  lines,
  account,
  onPlaceOrder,
  onSignUp,
  onBrowse,
}: {
  lines: CartLine[];
  account: Account | null;
  onPlaceOrder: () => void;
  onSignUp: () => void;
  onBrowse: () => void;
}) {
  const items = lines.flatMap((line) => {
    const product = productBySlug(line.slug);
    return product ? [{ product, qty: line.qty }] : [];
  });
  const total = items.reduce((sum, item) => sum + item.product.priceCents * item.qty, 0);
  if (items.length === 0) {
    return (
      <Panel title="Your cart">
        <p className="text-stone-600">Your cart is empty.</p>
        <button type="button" className={`${secondary} mt-5`} onClick={onBrowse}>
          Browse the shop
        </button>
      </Panel>
    );
  }
  return (
    <Panel title="Your cart">
      <ul className="divide-y divide-stone-100" aria-label="Cart items">
        {items.map(({ product, qty }) => (
          <li key={product.slug} className="flex items-center gap-4 py-3">
            <ProductArt product={product} className="size-14 shrink-0 rounded-xl" />
            <div className="min-w-0 flex-1">
              <p className="font-medium text-stone-900">{product.name}</p>
              <p className="text-sm text-stone-500">Qty {qty}</p>
            </div>
            <p className="font-medium text-stone-900">{formatPrice(product.priceCents * qty)}</p>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex items-center justify-between border-t border-stone-200 pt-4">
        <span className="text-stone-600">Total</span>
        <span className="text-lg font-semibold text-stone-900" data-testid="cart-total">{formatPrice(total)}</span>
      </div>
      {!account ? (
        <p className="mt-4 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <button type="button" onClick={onSignUp} className="font-medium underline underline-offset-2">
            Sign up
          </button>{" "}
          to get your order confirmation by email.
        </p>
      ) : null}
      <button type="button" className={`${primary} mt-6 w-full`} onClick={onPlaceOrder}>
        Place order
      </button>
    </Panel>
  );
}

export function SignUpView({ onSubmit }: { onSubmit: (name: string, email: string) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() && email.trim()) onSubmit(name.trim(), email.trim());
  }
  return (
    <Panel title="Create your account" subtitle="Order updates by email, and first dibs on restocks.">
      <form onSubmit={submit} className="space-y-4">
        <label className="block">
          <span className="text-sm font-medium text-stone-800">Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoComplete="name"
            className="mt-1.5 block w-full rounded-xl border-0 px-3.5 py-2.5 text-sm ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-amber-600 focus:outline-none"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium text-stone-800">Email</span>
          <input
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            type="email"
            autoComplete="email"
            className="mt-1.5 block w-full rounded-xl border-0 px-3.5 py-2.5 text-sm ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-amber-600 focus:outline-none"
          />
        </label>
        <button type="submit" className={`${primary} w-full`}>
          Create account
        </button>
        <p className="text-xs leading-5 text-stone-500">Signing up calls Cue.identify with your name and email, then logs SIGNUP.</p>
      </form>
    </Panel>
  );
}

export function OrderConfirmed({ orderNr, total, email, onContinue }: { orderNr: string; total: string; email: string | null; onContinue: () => void }) {
  return (
    <Panel title="Thank you!">
      <div data-testid="order-confirmation">
        <p className="text-stone-700">
          Order <span className="font-mono font-semibold text-stone-900" data-testid="order-nr">{orderNr}</span> for {total} is confirmed.
        </p>
        <p className="mt-2 text-sm leading-6 text-stone-500">
          {email
            ? `Cue's order confirmation connector emails ${email}: look for it under Messages in the dashboard.`
            : "Guests get no confirmation email: sign up first to receive one."}
        </p>
      </div>
      <button type="button" className={`${secondary} mt-6`} onClick={onContinue}>
        Keep shopping
      </button>
    </Panel>
  );
}

function Panel({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-lg rounded-3xl bg-white p-7 ring-1 ring-stone-200">
      <h1 className="text-2xl font-semibold tracking-tight text-stone-900">{title}</h1>
      {subtitle ? <p className="mt-1 text-sm text-stone-500">{subtitle}</p> : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}
