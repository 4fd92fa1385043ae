"use client";

// The demo shop: a tiny store that uses nothing but the public browser SDK. Each step of
// the seed's story is one Cue call: on-boarding, sign-up, product views, "notify me",
// add to cart and purchase.
import Script from "next/script";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CueStatus } from "@/lib/sdk/types";
import { ActivityPanel, type Activity } from "./activity-panel";
import { CURRENCY, amountOf, formatPrice, productBySlug, type Product } from "./catalog";
import { CredentialsForm } from "./credentials-form";
import { cue, sdkLoaded } from "./cue-client";
import { credentialsFromAddress, demoStorage, type Account, type CartLine, type Credentials } from "./demo-storage";
import { CartView, Catalog, OrderConfirmed, Onboarding, ProductPage, SignUpView } from "./views";

type View =
  | { name: "catalog" }
  | { name: "product"; slug: string }
  | { name: "cart" }
  | { name: "signup" }
  | { name: "order"; orderNr: string; total: string };

function viewFromHash(hash: string): View {
  const [, section, slug] = hash.replace(/^#/, "").split("/");
  if (section === "product" && slug && productBySlug(slug)) return { name: "product", slug };
  if (section === "cart") return { name: "cart" };
  if (section === "signup") return { name: "signup" };
  return { name: "catalog" };
}

const hashOf = (view: View) =>
  view.name === "product" ? `#/product/${view.slug}` : view.name === "cart" ? "#/cart" : view.name === "signup" ? "#/signup" : "#/";

const randomId = (length: number) => Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => "abcdefghjkmnpqrstuvwxyz23456789"[b % 31]).join("");
const time = () => new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

export function DemoShop() {
  const [hydrated, setHydrated] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [editingCredentials, setEditingCredentials] = useState(false);
  const [onboarded, setOnboarded] = useState(true);
  const [account, setAccount] = useState<Account | null>(null);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [notified, setNotified] = useState<string[]>([]);
  const [view, setView] = useState<View>({ name: "catalog" });
  const [status, setStatus] = useState<CueStatus | null>(null);
  const [activity, setActivity] = useState<Activity[]>([]);
  const [pushMessage, setPushMessage] = useState<string | null>(null);
  const initialised = useRef(false);
  const activitySeq = useRef(0);

  const note = useCallback((method: string, subject?: string, detail?: string) => {
    setActivity((list) => [{ id: ++activitySeq.current, at: time(), method, subject, detail }, ...list].slice(0, 40));
  }, []);

  const track = useCallback(
    (name: string, data?: Record<string, unknown>) => {
      cue().logCustomEvent(name, data);
      note("logCustomEvent", name, data ? JSON.stringify(data) : undefined);
    },
    [note],
  );

  const show = useCallback(
    (next: View) => {
      if (next.name === "product") track("VIEWPRODUCT", { product: next.slug });
      setView(next);
      if (next.name !== "order" && window.location.hash !== hashOf(next)) window.history.pushState(null, "", hashOf(next));
      window.scrollTo({ top: 0 });
    },
    [track],
  );

  // First render on the client: read what this browser remembers.
  useEffect(() => {
    const fromAddress = credentialsFromAddress();
    if (fromAddress) demoStorage.setCredentials(fromAddress);
    setCredentials(fromAddress ?? demoStorage.credentials());
    setOnboarded(demoStorage.onboarded());
    setAccount(demoStorage.account());
    setCart(demoStorage.cart());
    setHydrated(true);
  }, []);

  // Start the SDK once credentials are known; the page's first view counts as a visit.
  useEffect(() => {
    if (!credentials || initialised.current) return;
    initialised.current = true;
    cue().init({ appKey: credentials.appKey, appSecret: credentials.appSecret });
    note("init", credentials.appKey);
    const initial = viewFromHash(window.location.hash);
    if (initial.name === "product") track("VIEWPRODUCT", { product: initial.slug });
    setView(initial);
  }, [credentials, note, track]);

  useEffect(() => {
    const onPop = () => {
      const next = viewFromHash(window.location.hash);
      if (next.name === "product") track("VIEWPRODUCT", { product: next.slug });
      setView(next);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [track]);

  useEffect(() => {
    if (!credentials) return;
    const timer = setInterval(() => {
      if (sdkLoaded()) setStatus(cue().status());
    }, 400);
    return () => clearInterval(timer);
  }, [credentials]);

  const updateCart = (next: CartLine[]) => {
    setCart(next);
    demoStorage.setCart(next);
  };

  function addToCart(product: Product, qty: number) {
    const existing = cart.find((line) => line.slug === product.slug);
    updateCart(existing ? cart.map((l) => (l === existing ? { ...l, qty: l.qty + qty } : l)) : [...cart, { slug: product.slug, qty }]);
    track("ADDTOCART", { product: product.slug, qty: String(qty), amount: amountOf(product.priceCents * qty), currency: CURRENCY });
  }

  function placeOrder() {
    const cents = cart.reduce((sum, line) => sum + (productBySlug(line.slug)?.priceCents ?? 0) * line.qty, 0);
    const orderNr = `BB-${String(Math.floor(10000 + Math.random() * 90000))}`;
    track("PURCHASE", { order_nr: orderNr, amount: amountOf(cents), currency: CURRENCY });
    updateCart([]);
    show({ name: "order", orderNr, total: formatPrice(cents) });
  }

  function signUp(name: string, email: string) {
    const next: Account = { userId: `shopper_${randomId(8)}`, name, email };
    cue().identify(next.userId, { name, email });
    note("identify", next.userId, JSON.stringify({ name, email }));
    track("SIGNUP", { name });
    setAccount(next);
    demoStorage.setAccount(next);
    show({ name: "catalog" });
  }

  function signOut() {
    cue().reset();
    note("reset");
    setAccount(null);
    demoStorage.setAccount(null);
  }

  async function enablePush() {
    note("enablePush");
    setPushMessage("Asking the browser…");
    const result = await cue().enablePush();
    setPushMessage(result.ok ? "Push is on for this browser." : `Not enabled: ${result.message ?? result.reason}`);
  }

  if (!hydrated) return <div className="min-h-screen bg-stone-50" />;

  const cartCount = cart.reduce((sum, line) => sum + line.qty, 0);
  const product = view.name === "product" ? productBySlug(view.slug) : undefined;

  return (
    <div className="min-h-screen bg-stone-50 text-stone-900">
      <div className="bg-amber-100 text-amber-950">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-xs sm:px-6">
          <p>
            <span className="mr-2 rounded bg-amber-900 px-1.5 py-0.5 font-semibold tracking-wide text-amber-50 uppercase">Demo</span>
            A sample shop for trying Cue: every click is sent with the browser SDK
            {credentials ? (
              <>
                {" "}to application <code className="font-mono font-semibold">{credentials.appKey}</code>
              </>
            ) : null}
            .
          </p>
          <div className="flex gap-4">
            {credentials ? (
              <button type="button" className="font-medium underline underline-offset-2" onClick={() => setEditingCredentials(true)}>
                Change credentials
              </button>
            ) : null}
            <a href="/overview" className="font-medium underline underline-offset-2">
              Open the Cue dashboard
            </a>
          </div>
        </div>
      </div>

      {credentials ? <Script src="/sdk.js" strategy="afterInteractive" /> : null}

      {!credentials || editingCredentials ? (
        <CredentialsForm
          initial={credentials}
          onSave={(value) => {
            demoStorage.setCredentials(value);
            // The SDK is set up once per page: reload to start it with the new credentials.
            if (credentials) window.location.reload();
            else setCredentials(value);
            setEditingCredentials(false);
          }}
        />
      ) : (
        <>
          <header className="border-b border-stone-200 bg-white">
            <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
              <button type="button" onClick={() => show({ name: "catalog" })} className="flex items-center gap-2.5" aria-label="Bean & Brew home">
                <span className="flex size-8 items-center justify-center rounded-full bg-stone-900 text-sm font-bold text-amber-300">B</span>
                <span className="text-lg font-semibold tracking-tight">Bean &amp; Brew</span>
              </button>
              <nav className="flex items-center gap-2 text-sm">
                {account ? (
                  <>
                    <span className="hidden text-stone-600 sm:inline" data-testid="signed-in-as">
                      Hi, {account.name}
                    </span>
                    <button type="button" onClick={signOut} className="rounded-full px-3 py-1.5 text-stone-600 hover:bg-stone-100">
                      Sign out
                    </button>
                  </>
                ) : (
                  <button type="button" onClick={() => show({ name: "signup" })} className="rounded-full px-3 py-1.5 font-medium text-stone-700 hover:bg-stone-100">
                    Sign up
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => show({ name: "cart" })}
                  className="rounded-full bg-stone-900 px-4 py-1.5 font-medium text-white hover:bg-stone-700"
                  aria-label={`Cart, ${cartCount} items`}
                >
                  Cart · {cartCount}
                </button>
              </nav>
            </div>
          </header>

          <div className="mx-auto grid max-w-6xl grid-cols-1 gap-8 px-4 py-8 sm:px-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
            <main className="min-w-0">
              {view.name === "product" && product ? (
                <ProductPage
                  key={product.slug}
                  product={product}
                  notified={notified.includes(product.slug)}
                  onBack={() => show({ name: "catalog" })}
                  onAdd={(qty) => addToCart(product, qty)}
                  onNotify={() => {
                    track("NOTIFY_ME", { product: product.slug });
                    setNotified((list) => [...list, product.slug]);
                  }}
                />
              ) : view.name === "cart" ? (
                <CartView lines={cart} account={account} onPlaceOrder={placeOrder} onSignUp={() => show({ name: "signup" })} onBrowse={() => show({ name: "catalog" })} />
              ) : view.name === "signup" ? (
                <SignUpView onSubmit={signUp} />
              ) : view.name === "order" ? (
                <OrderConfirmed orderNr={view.orderNr} total={view.total} email={account?.email ?? null} onContinue={() => show({ name: "catalog" })} />
              ) : (
                <Catalog onOpen={(p) => show({ name: "product", slug: p.slug })} />
              )}
            </main>
            <ActivityPanel status={status} activity={activity} pushMessage={pushMessage} onEnablePush={enablePush} />
          </div>

          {!onboarded ? (
            <Onboarding
              onDone={() => {
                track("ONBOARDING_COMPLETE");
                demoStorage.setOnboarded();
                setOnboarded(true);
              }}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
