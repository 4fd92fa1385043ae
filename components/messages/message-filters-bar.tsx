"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, type MessageChannel, type MessageFilters, type MessageStatus } from "@/lib/client/messages";
import { countActiveFilters } from "@/lib/client/message-filters";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { Button } from "../ui/button";
import { CloseIcon } from "../ui/icons";
import { CHANNEL_META, statusLabel } from "./channel-meta";
import type { ConnectorName } from "./connector-names";
import { FilterSelect } from "./filter-select";
import { SearchField } from "../ui/search-field";

export function MessageFiltersBar({
  filters,
  connectors,
  campaignName,
  onChange,
}: {
  filters: MessageFilters;
  connectors: ConnectorName[];
  /** The name of the campaign in filters.campaignId, when the page knows it. */
  campaignName?: string;
  /** A change to some filters; null clears them all. */
  onChange: (patch: Partial<MessageFilters> | null) => void;
}) {
  // The user id is typed, so it reaches the URL (and the API) once typing pauses.
  const [userDraft, setUserDraft] = useState(filters.userId ?? "");
  const typedUser = useDebouncedValue(userDraft.trim(), 350);
  useEffect(() => {
    if ((typedUser || undefined) !== filters.userId) onChange({ userId: typedUser || undefined });
    // Only a new typed value pushes a change; filters changing elsewhere must not re-apply an old one.
  }, [typedUser]);

  // Back/forward or "Clear filters" change the URL: follow it.
  const [lastUrlUser, setLastUrlUser] = useState(filters.userId);
  if (filters.userId !== lastUrlUser) {
    setLastUrlUser(filters.userId);
    if ((filters.userId ?? "") !== userDraft.trim()) setUserDraft(filters.userId ?? "");
  }

  const active = countActiveFilters(filters);
  const knownConnector = !filters.connectorId || connectors.some((c) => c.id === filters.connectorId);

  return (
    <>
      <div className="flex flex-col gap-2.5 border-b border-slate-100 px-5 py-4 lg:flex-row lg:items-center" role="search" aria-label="Filter messages">
        <SearchField
          id="message-user-filter"
          label="User id"
          value={userDraft}
          onValueChange={setUserDraft}
          placeholder="Exact user id"
          spellCheck={false}
          className="lg:max-w-64"
          inputClassName="h-9.5 font-mono text-[13px] leading-5 placeholder:font-sans placeholder:text-sm"
        />
        <div className="grid grid-cols-2 gap-2.5 sm:grid-cols-3 lg:flex lg:flex-1 lg:items-center">
          <FilterSelect
            aria-label="Channel"
            value={filters.channel ?? ""}
            active={Boolean(filters.channel)}
            onChange={(event) => onChange({ channel: (event.target.value || undefined) as MessageChannel | undefined })}
            className="lg:w-40"
          >
            <option value="">All channels</option>
            {MESSAGE_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_META[channel].label}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            aria-label="Status"
            value={filters.status ?? ""}
            active={Boolean(filters.status)}
            onChange={(event) => onChange({ status: (event.target.value || undefined) as MessageStatus | undefined })}
            className="lg:w-36"
          >
            <option value="">Any status</option>
            {MESSAGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            aria-label="Connector"
            value={filters.connectorId ?? ""}
            active={Boolean(filters.connectorId)}
            onChange={(event) => onChange({ connectorId: event.target.value || undefined })}
            className="col-span-2 sm:col-span-1 lg:w-56"
          >
            <option value="">All connectors</option>
            {connectors.map((connector) => (
              <option key={connector.id} value={connector.id}>
                {connector.deleted ? `${connector.name} (deleted)` : connector.name}
              </option>
            ))}
            {knownConnector ? null : <option value={filters.connectorId}>{filters.connectorId}</option>}
          </FilterSelect>
        </div>
        {active > 0 ? (
          <Button
            variant="ghost"
            size="sm"
            className="self-start lg:self-auto"
            onClick={() => {
              setUserDraft("");
              onChange(null);
            }}
          >
            <CloseIcon /> Clear {active === 1 ? "filter" : `${active} filters`}
          </Button>
        ) : null}
      </div>
      {filters.campaignId ? (
        // Set from a campaign's page (?campaign=): a band naming the campaign, not a picker.
        <div className="flex items-center gap-2 border-b border-slate-100 bg-brand-50/60 px-5 py-2.5 text-sm text-slate-600" data-testid="campaign-filter">
          <span className="min-w-0 truncate">
            Messages of the campaign{" "}
            <Link href={`/campaigns/${encodeURIComponent(filters.campaignId)}`} className="font-medium text-brand-700 hover:text-brand-800">
              {campaignName ?? filters.campaignId}
            </Link>
          </span>
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => onChange({ campaignId: undefined })}>
            <CloseIcon /> All messages
          </Button>
        </div>
      ) : null}
    </>
  );
}
