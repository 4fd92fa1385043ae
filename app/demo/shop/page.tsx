import type { Metadata } from "next";
import { DemoShop } from "./shop";

export const metadata: Metadata = {
  title: "Bean & Brew · Cue demo shop",
  description: "A sample shop that sends its events to Cue with the browser SDK",
  robots: { index: false },
};

// /demo/shop: public, no dashboard session; the page asks for the app key and secret.
export default function DemoShopPage() {
  return <DemoShop />;
}
