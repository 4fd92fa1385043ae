import type { ComponentType } from "react";
import {
  CodeIcon,
  ConnectorsIcon,
  MessagesIcon,
  OverviewIcon,
  SegmentsIcon,
  SettingsIcon,
  UsersIcon,
  type IconProps,
} from "../ui/icons";
import { CampaignsIcon } from "../campaigns/campaign-icon";
import { TemplatesIcon } from "../templates/template-icon";

export type NavItem = { href: string; label: string; icon: ComponentType<IconProps> };

export const NAV_ITEMS: NavItem[] = [
  { href: "/overview", label: "Overview", icon: OverviewIcon },
  { href: "/connectors", label: "Connectors", icon: ConnectorsIcon },
  { href: "/segments", label: "Segments", icon: SegmentsIcon },
  { href: "/campaigns", label: "Campaigns", icon: CampaignsIcon },
  { href: "/templates", label: "Templates", icon: TemplatesIcon },
  { href: "/users", label: "Users", icon: UsersIcon },
  { href: "/messages", label: "Messages", icon: MessagesIcon },
  { href: "/settings", label: "Settings", icon: SettingsIcon },
  { href: "/docs", label: "API reference", icon: CodeIcon },
];

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The top-level section of a path ("/users/u_1" → "/users"), where an app switch lands. */
export function sectionRoot(pathname: string): string {
  return NAV_ITEMS.find((item) => isActive(pathname, item.href))?.href ?? "/overview";
}
