"""The run's shared state in Redis, as the seeder and the workers read and change it.

Keys, under the prefix of [cluster] (``forumwatch`` by default); ``{run}`` is ``{prefix}:run:{id}``:

- ``{prefix}:run``: the run the workers crawl now, as JSON (id, sources, configuration digest); absent
  between runs. One run at a time: it is set only where no other is.
- ``{run}:state``: ``crawling``, then ``closing`` once drained or ``cancelled``; ``{run}:failed``: why the
  database stopped taking writes, when it did.
- per source: ``{run}:{source}:requests`` (the queue), ``:dupefilter``, ``:start`` (the token whose taker
  runs the source's start requests), ``:stopped`` (why the source was stopped: a limit of its budget),
  ``:linked`` (the article links its listings showed, for the listing digest), and
  ``:inflight:{worker}`` (what that worker took and has not finished: request id -> "score data").
- ``{run}:joined``, ``{run}:done``, ``{run}:refused``: the workers that joined, that closed their
  crawlers, and that would not join (and why); ``{run}:counts``: each worker's counts per source.
- ``{prefix}:workers`` (worker -> its description) and ``{prefix}:worker:{id}:alive``, a key that
  expires unless the worker beats: a worker whose key is gone is dead, and its in-flight requests go
  back in their queues.
- ``{prefix}:host:{host}``: when the next request to a host may start, by any worker (pacing.py).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import redis

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "forumwatch"
RunState = Literal["crawling", "closing", "cancelled"]
START_FIELD = "start"  # the in-flight field of a start token; request ids are numbers

# A request taken: moved from the queue's head into the worker's in-flight hash under a new id.
_TAKE = """
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head == 0 then return false end
redis.call('ZREM', KEYS[1], head[1])
local id = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], id, head[2] .. ' ' .. head[1])
return {id, head[1]}
"""
# A request queued unless its fingerprint was seen, in one step: a worker killed between the two would
# leave a URL seen and never queued, and the page lost to the run.
_QUEUE_NEW = """
if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  return 1
end
return 0
"""
# The start token taken, into the in-flight hash like a request.
_TAKE_START = """
local token = redis.call('LPOP', KEYS[1])
if not token then return false end
redis.call('HSET', KEYS[2], ARGV[1], token)
return token
"""
# Everything a worker held of one source put back: requests in the queue, the token in its list.
_REQUEUE = """
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do
  if held[i] == ARGV[1] then
    redis.call('RPUSH', KEYS[3], held[i + 1])
  else
    local value = held[i + 1]
    local gap = string.find(value, ' ', 1, true)
    redis.call('ZADD', KEYS[2], tonumber(string.sub(value, 1, gap - 1)), string.sub(value, gap + 1))
  end
end
redis.call('DEL', KEYS[1])
return #held / 2
"""
# The next start of a request to a host: the later of now and the last start plus the delay.
_PACE = """
local now = tonumber(ARGV[1])
local delay = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '-1e18')
local start = math.max(now, last + delay)
redis.call('SET', KEYS[1], tostring(start), 'PX', math.ceil(start - now + delay + 60000))
return tostring(start - now)
"""
_PAUSE = """
local until_ = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '-1e18')
if until_ > last then redis.call('SET', KEYS[1], tostring(until_), 'PX', math.ceil(ARGV[2])) end
return 1
"""


def new_worker_id() -> str:
    """host:pid:random, readable in `forumwatch status` and unique across restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class RunPlan:
    """What a seeded run is: its record's id, its sources, and the digest of the configuration that
    seeded it (a worker with another configuration would crawl something else, and does not join)."""

    run_id: int
    sources: tuple[str, ...]
    config_digest: str

    def to_json(self) -> str:
        return json.dumps({"id": self.run_id, "sources": list(self.sources), "config": self.config_digest})

    @classmethod
    def from_json(cls, text: str | bytes) -> RunPlan:
        data = json.loads(text)
        return cls(int(data["id"]), tuple(data["sources"]), str(data["config"]))


class Keys:
    """The names of the cluster's keys (see above)."""

    def __init__(self, prefix: str = DEFAULT_PREFIX) -> None:
        self.prefix = prefix
        self.current_run = f"{prefix}:run"
        self.workers = f"{prefix}:workers"

    def run(self, run_id: int, what: str) -> str:
        return f"{self.prefix}:run:{run_id}:{what}"

    def source(self, run_id: int, source: str, what: str) -> str:
        return self.run(run_id, f"{source}:{what}")

    def queue(self, run_id: int, source: str) -> str:
        return self.source(run_id, source, "requests")

    def dupefilter(self, run_id: int, source: str) -> str:
        return self.source(run_id, source, "dupefilter")

    def start(self, run_id: int, source: str) -> str:
        return self.source(run_id, source, "start")

    def inflight(self, run_id: int, source: str, worker: str) -> str:
        return self.source(run_id, source, f"inflight:{worker}")

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:worker:{worker}:alive"

    def host(self, host: str) -> str:
        return f"{self.prefix}:host:{host}"


class Cluster:
    """The Redis side of runs and workers; every method is one or a few round trips."""

    def __init__(self, client: redis.Redis, prefix: str = DEFAULT_PREFIX) -> None:
        self.client = client
        self.keys = Keys(prefix)
        self._take = client.register_script(_TAKE)
        self._take_start = client.register_script(_TAKE_START)
        self._queue_new = client.register_script(_QUEUE_NEW)
        self._requeue = client.register_script(_REQUEUE)
        self._pace = client.register_script(_PACE)
        self._pause = client.register_script(_PAUSE)

    @classmethod
    def connect(cls, url: str, prefix: str = DEFAULT_PREFIX) -> Cluster:
        # Timeouts: a Redis that stops answering is a failed call to report, not a hung worker.
        client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=10)
        return cls(client, prefix)

    # Workers.
    def register(self, worker: str, description: Mapping[str, Any], ttl_seconds: float) -> None:
        self.client.hset(self.keys.workers, worker, json.dumps(dict(description)))
        self.beat(worker, ttl_seconds)

    def beat(self, worker: str, ttl_seconds: float) -> None:
        self.client.set(self.keys.alive(worker), "1", px=max(1, round(ttl_seconds * 1000)))

    def deregister(self, worker: str) -> None:
        self.client.hdel(self.keys.workers, worker)
        self.client.delete(self.keys.alive(worker))

    def workers(self) -> dict[str, dict[str, Any]]:
        """Every registered worker, alive or not, with ``alive`` in its description."""
        described = {
            _text(name): json.loads(value) for name, value in self.client.hgetall(self.keys.workers).items()
        }
        names = list(described)
        alive = self.client.mget([self.keys.alive(name) for name in names]) if names else []
        return {
            name: {**described[name], "alive": flag is not None}
            for name, flag in zip(names, alive, strict=True)
        }

    def dead_workers(self, candidates: Iterable[str]) -> list[str]:
        names = list(candidates)
        if not names:
            return []
        alive = self.client.mget([self.keys.alive(name) for name in names])
        return [name for name, flag in zip(names, alive, strict=True) if flag is None]

    # The run.
    def open_run(self, plan: RunPlan, seeder_ttl_seconds: float) -> RunPlan | None:
        """Seed ``plan``: its start tokens queued, its state "crawling". Returns the run being crawled
        instead, when there is one (nothing is seeded then). A run whose seeder stopped beating (killed)
        is dropped, so that it does not hold the workers for ever."""
        while not self.client.set(self.keys.current_run, plan.to_json(), nx=True):
            current = self.current_run()
            if current is None:
                continue  # closed meanwhile
            if self.seeder_alive(current.run_id):
                return current
            logger.warning("run %d: its seeder is gone; the run is dropped from Redis", current.run_id)
            self.close_run(current)
        pipe = self.client.pipeline()
        pipe.set(self.keys.run(plan.run_id, "state"), "crawling")
        pipe.set(self.keys.run(plan.run_id, "seeder"), "1", px=max(1, round(seeder_ttl_seconds * 1000)))
        for source in plan.sources:
            pipe.rpush(self.keys.start(plan.run_id, source), source)
        pipe.execute()
        self._sweep_other_runs(plan.run_id)
        return None

    def _sweep_other_runs(self, run_id: int) -> None:
        """Delete what earlier runs left: a run dropped or lost while a worker still wrote to it."""
        ours = self.keys.run(run_id, "")
        leftovers = [
            key
            for key in self.client.scan_iter(match=f"{self.keys.prefix}:run:*", count=1000)
            if not _text(key).startswith(ours)
        ]
        for start in range(0, len(leftovers), 500):
            self.client.delete(*leftovers[start : start + 500])

    def seeder_alive(self, run_id: int) -> bool:
        return bool(self.client.exists(self.keys.run(run_id, "seeder")))

    def beat_seeder(self, run_id: int, ttl_seconds: float) -> None:
        self.client.set(self.keys.run(run_id, "seeder"), "1", px=max(1, round(ttl_seconds * 1000)))

    def current_run(self) -> RunPlan | None:
        value = self.client.get(self.keys.current_run)
        return RunPlan.from_json(value) if value is not None else None

    def state(self, run_id: int) -> RunState | None:
        value = self.client.get(self.keys.run(run_id, "state"))
        return _text(value) if value is not None else None  # type: ignore[return-value]

    def set_state(self, run_id: int, state: RunState) -> None:
        self.client.set(self.keys.run(run_id, "state"), state)

    def fail_run(self, run_id: int, reason: str) -> None:
        self.client.set(self.keys.run(run_id, "failed"), reason, nx=True)

    def failure(self, run_id: int) -> str | None:
        value = self.client.get(self.keys.run(run_id, "failed"))
        return _text(value) if value is not None else None

    def join(self, run_id: int, worker: str) -> None:
        self.client.sadd(self.keys.run(run_id, "joined"), worker)

    def refuse(self, run_id: int, worker: str, reason: str) -> None:
        self.client.hset(self.keys.run(run_id, "refused"), worker, reason)

    def joined(self, run_id: int) -> set[str]:
        return {_text(name) for name in self.client.smembers(self.keys.run(run_id, "joined"))}

    def refused(self, run_id: int) -> dict[str, str]:
        return {
            _text(name): _text(reason)
            for name, reason in self.client.hgetall(self.keys.run(run_id, "refused")).items()
        }

    def done(self, run_id: int, worker: str) -> None:
        self.client.sadd(self.keys.run(run_id, "done"), worker)

    def still_crawling(self, run_id: int, worker: str) -> None:
        """A worker taken for dead (silent too long) that is back: it is not done, and its requests are
        to be put back should it die after all."""
        if self.client.srem(self.keys.run(run_id, "done"), worker):
            logger.warning("worker %s was silent too long and taken for dead; it crawls on", worker)

    def finished_workers(self, run_id: int) -> set[str]:
        return {_text(name) for name in self.client.smembers(self.keys.run(run_id, "done"))}

    # Requests.
    def take_start(self, run_id: int, source: str, worker: str) -> bool:
        """Whether this worker took the source's start token (and runs its start requests)."""
        taken = self._take_start(
            keys=[self.keys.start(run_id, source), self.keys.inflight(run_id, source, worker)],
            args=[START_FIELD],
        )
        return taken is not None

    def queue_new(self, run_id: int, source: str, fingerprint: str, score: float, data: bytes) -> bool:
        """Queue a request unless its fingerprint is in the source's dupefilter (adding it there);
        whether it was queued."""
        keys = [self.keys.queue(run_id, source), self.keys.dupefilter(run_id, source)]
        return bool(self._queue_new(keys=keys, args=[fingerprint, score, data]))

    def take(self, run_id: int, source: str, worker: str) -> tuple[str, bytes] | None:
        """The head of the source's queue, now held by ``worker`` under the id returned."""
        taken = self._take(
            keys=[
                self.keys.queue(run_id, source),
                self.keys.inflight(run_id, source, worker),
                self.keys.run(run_id, "ids"),
            ]
        )
        if not taken:
            return None
        request_id, data = taken
        return _text(request_id), bytes(data)

    def finish(
        self,
        run_id: int,
        source: str,
        worker: str,
        request_id: str,
        counts: Mapping[str, Any] | None = None,
        linked: Sequence[str] = (),
    ) -> None:
        """Scrapy is done with a request (or the start requests): it is no longer held. ``counts``, the
        worker's counts of the source so far, are published in the same step, so that what a worker
        killed later counted of its finished requests is never lost (nor counted again by whoever redoes
        the requests it held); so are ``linked``, the article links its listings showed since."""
        pipe = self.client.pipeline()
        pipe.hdel(self.keys.inflight(run_id, source, worker), request_id)
        if counts is not None:
            pipe.hset(self.keys.run(run_id, "counts"), f"{worker}|{source}", json.dumps(dict(counts)))
        if linked:
            pipe.sadd(self.keys.source(run_id, source, "linked"), *linked)
        pipe.execute()

    def let_go(self, run_id: int, source: str, worker: str, request_ids: Sequence[str]) -> None:
        """Requests done, no longer held (their counts and links went with a later one)."""
        self.client.hdel(self.keys.inflight(run_id, source, worker), *request_ids)

    def finish_start(self, run_id: int, source: str, worker: str) -> None:
        """The source's start requests are all queued: the token is let go, and nobody waits for it."""
        pipe = self.client.pipeline()
        pipe.hdel(self.keys.inflight(run_id, source, worker), START_FIELD)
        pipe.set(self.keys.source(run_id, source, "started"), worker)
        pipe.execute()

    def start_settled(self, run_id: int, source: str) -> bool:
        """Whether nobody need wait for the source's start any longer: it is done, the source was
        stopped, or the run is no longer crawled."""
        started, stopped, state = self.client.mget(
            [
                self.keys.source(run_id, source, "started"),
                self.keys.source(run_id, source, "stopped"),
                self.keys.run(run_id, "state"),
            ]
        )
        return started is not None or stopped is not None or state is None or _text(state) != "crawling"

    def requeue(self, run_id: int, source: str, worker: str) -> int:
        """Put back what ``worker`` holds of ``source``; how many requests (and tokens) that was."""
        return int(
            self._requeue(
                keys=[
                    self.keys.inflight(run_id, source, worker),
                    self.keys.queue(run_id, source),
                    self.keys.start(run_id, source),
                ],
                args=[START_FIELD],
            )
        )

    def drop_held(self, run_id: int, source: str, worker: str) -> None:
        """Forget what ``worker`` holds of a source that was stopped: nobody is to crawl it."""
        self.client.delete(self.keys.inflight(run_id, source, worker))

    def recover_dead(self, plan: RunPlan) -> dict[str, int]:
        """Put back the requests of the run's dead workers; how many of each worker's."""
        recovered: dict[str, int] = {}
        for worker in self.dead_workers(self.joined(plan.run_id) - self.finished_workers(plan.run_id)):
            count = sum(self.requeue(plan.run_id, source, worker) for source in plan.sources)
            # A dead worker counts as done: nothing more will come from it.
            self.done(plan.run_id, worker)
            recovered[worker] = count
        return recovered

    def stop_source(self, run_id: int, source: str, reason: str) -> bool:
        """Stop a source for every worker (its budget ran out): its queue is dropped. Whether this call
        stopped it (False: another worker did first)."""
        if not self.client.set(self.keys.source(run_id, source, "stopped"), reason, nx=True):
            return False
        self.client.delete(self.keys.queue(run_id, source), self.keys.start(run_id, source))
        return True

    def stopped_sources(self, run_id: int, sources: Sequence[str]) -> dict[str, str]:
        values = self.client.mget([self.keys.source(run_id, source, "stopped") for source in sources])
        return {
            source: _text(value) for source, value in zip(sources, values, strict=True) if value is not None
        }

    def pending(self, plan: RunPlan) -> dict[str, int]:
        """Requests and tokens queued or held, by source still crawled (a stopped one has none)."""
        stopped = self.stopped_sources(plan.run_id, plan.sources)
        workers = sorted(self.joined(plan.run_id))
        crawled = [source for source in plan.sources if source not in stopped]
        pipe = self.client.pipeline(transaction=False)
        for source in crawled:
            pipe.zcard(self.keys.queue(plan.run_id, source))
            pipe.llen(self.keys.start(plan.run_id, source))
            for worker in workers:
                pipe.hlen(self.keys.inflight(plan.run_id, source, worker))
        answers = iter(pipe.execute())
        per_source = 2 + len(workers)
        return {source: sum(int(next(answers)) for _ in range(per_source)) for source in crawled}

    # Counts.
    def publish_counts(self, run_id: int, worker: str, counts: Mapping[str, Mapping[str, Any]]) -> None:
        if counts:
            self.client.hset(
                self.keys.run(run_id, "counts"),
                mapping={f"{worker}|{source}": json.dumps(dict(c)) for source, c in counts.items()},
            )

    def counts(self, run_id: int) -> list[tuple[str, str, dict[str, Any]]]:
        """(worker, source, counts) of every worker that published any."""
        found = []
        for field, value in self.client.hgetall(self.keys.run(run_id, "counts")).items():
            worker, _, source = _text(field).rpartition("|")
            found.append((worker, source, json.loads(value)))
        return found

    def add_linked(self, run_id: int, source: str, urls: Iterable[str]) -> None:
        urls = list(urls)
        if urls:
            self.client.sadd(self.keys.source(run_id, source, "linked"), *urls)

    def linked(self, run_id: int, source: str) -> set[str]:
        return {_text(url) for url in self.client.smembers(self.keys.source(run_id, source, "linked"))}

    def close_run(self, plan: RunPlan) -> None:
        """Delete everything of the run, and let the next one start."""
        keys = list(self.client.scan_iter(match=self.keys.run(plan.run_id, "*"), count=1000))
        for start in range(0, len(keys), 500):
            self.client.delete(*keys[start : start + 500])
        current = self.current_run()
        if current is not None and current.run_id == plan.run_id:
            self.client.delete(self.keys.current_run)

    # Hosts.
    def pace(self, host: str, delay_seconds: float) -> float:
        """Reserve the next start of a request to ``host`` for any worker, ``delay_seconds`` after the
        last one reserved; the seconds to wait for it. Redis's clock is everyone's."""
        now = self._now_ms()
        wait = self._pace(keys=[self.keys.host(host)], args=[now, round(delay_seconds * 1000, 3)])
        return max(float(wait), 0.0) / 1000

    def pause_host(self, host: str, seconds: float) -> None:
        """No request to ``host`` starts for ``seconds`` from now, whichever worker sends it."""
        now = self._now_ms()
        self._pause(keys=[self.keys.host(host)], args=[now + seconds * 1000, seconds * 1000 + 60000])

    def _now_ms(self) -> float:
        seconds, microseconds = self.client.time()
        return float(seconds) * 1000 + float(microseconds) / 1000


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value
