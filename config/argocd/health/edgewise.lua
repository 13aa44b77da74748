-- Argo CD health check for the Edgewise custom resources, edgewise.dev/ModelDeployment and
-- edgewise.dev/EdgeNodePool (one script for both: a pool has no phase and no rollout).
--
-- Healthy      the operator has seen the current spec (status.observedGeneration equals
--              metadata.generation), condition Ready is True and no rollout is under way.
-- Progressing  no status yet, observedGeneration behind metadata.generation, Ready missing or
--              Unknown, or a ModelDeployment on its way (phase Pending, Training, Compressing,
--              Placing or RollingOut), including a canary rollout while the old version serves.
-- Degraded     condition Degraded is True (its message), or Ready is False outside those
--              phases, for example a pool whose selector matches no node (Ready's message).
local hs = {}

local function condition(conditions, type)
  if conditions == nil then
    return nil
  end
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function messageOf(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

local progressingPhases = {
  Pending = true, Training = true, Compressing = true, Placing = true, RollingOut = true
}

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Edgewise operator to report status"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local phase = obj.status.phase
local ready = condition(obj.status.conditions, "Ready")
local degraded = condition(obj.status.conditions, "Degraded")

if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = messageOf(degraded, messageOf(ready, "Degraded"))
  return hs
end

if ready == nil or ready.status == "Unknown" then
  hs.status = "Progressing"
  hs.message = messageOf(ready, "Waiting for the Ready condition")
  return hs
end

if ready.status == "True" then
  if phase == "RollingOut" then
    hs.status = "Progressing"
    hs.message = messageOf(condition(obj.status.conditions, "RolledOut"), "Rolling out")
    return hs
  end
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Ready")
  return hs
end

if phase ~= nil and progressingPhases[phase] then
  hs.status = "Progressing"
  hs.message = phase .. ": " .. messageOf(ready, "not ready yet")
  return hs
end

hs.status = "Degraded"
hs.message = messageOf(ready, "Not ready")
return hs
