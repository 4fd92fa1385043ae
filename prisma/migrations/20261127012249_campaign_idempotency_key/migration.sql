-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_appId_idempotencyKey_key" ON "Campaign"("appId", "idempotencyKey");
