-- CreateIndex
CREATE INDEX "ActiveDay_appId_userId_day_idx" ON "ActiveDay"("appId", "userId", "day");
