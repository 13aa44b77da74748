-- Argo CD health check for edgewise.dev/EdgeNodePool.
--
-- Healthy      the operator has seen the current spec (status.observedGeneration equals
--              metadata.generation) and condition Ready is True.
-- Progressing  no status yet, observedGeneration behind metadata.generation, or Ready missing
--              or Unknown.
-- Degraded     condition Degraded is True or Ready is False (for example no node matches the
--              selector): the message is the Degraded condition's, else the Ready condition's.
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
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Ready")
  return hs
end

hs.status = "Degraded"
hs.message = messageOf(ready, "Not ready")
return hs
