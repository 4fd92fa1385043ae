-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "connectorId" TEXT,
ADD COLUMN     "enrollmentId" TEXT,
ADD COLUMN     "nodeId" TEXT,
ADD COLUMN     "triggerEvent" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_enrollmentId_nodeId_key" ON "Campaign"("enrollmentId", "nodeId");
