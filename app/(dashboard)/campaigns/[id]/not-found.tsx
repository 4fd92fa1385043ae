import { CampaignsIcon } from "@/components/campaigns/campaign-icon";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function CampaignNotFound() {
  return (
    <Card>
      <EmptyState icon={CampaignsIcon} title="Campaign not found" actions={<ButtonLink href="/campaigns" variant="secondary">Back to campaigns</ButtonLink>}>
        There is no campaign with this id in the current application. It may belong to another application.
      </EmptyState>
    </Card>
  );
}
