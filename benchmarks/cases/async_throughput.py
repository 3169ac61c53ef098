"""Case 4, async throughput: 2,000 ``get_room`` calls, 50 at a time, on one async client.
The floor is raw aiohttp (one ClientSession, body read as bytes)."""

import asyncio
import time

from _harness import arguments, async_client, emit, fixture

CALLS = 2000
CONCURRENCY = 50

args = arguments("official", "ours", "aiohttp")
room_ids = fixture(args, "rooms.json")


async def run(get_room) -> tuple[float, float]:
    async def worker(ids: list[str]) -> None:
        for room_id in ids:
            await get_room(room_id)

    async def batch(count: int) -> tuple[float, float]:
        ids = [room_ids[i % len(room_ids)] for i in range(count)]
        start, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker(ids[w::CONCURRENCY]) for w in range(CONCURRENCY)))
        return time.perf_counter() - start, time.process_time() - cpu

    await batch(2 * CONCURRENCY)  # open the connections
    return await batch(CALLS)


async def main() -> tuple[float, float]:
    if args.variant == "aiohttp":
        import aiohttp

        headers = {"Authorization": "Bearer sk_localdev"}
        async with aiohttp.ClientSession() as session:

            async def get_room(room_id: str) -> object:
                async with session.get(f"{args.url}/v2/rooms/{room_id}", headers=headers) as r:
                    return await r.read()

            return await run(get_room)
    async with async_client(args) as client:
        return await run(client.get_room)


total, cpu = asyncio.run(main())
emit(total_s=total, cpu_s=cpu, calls_per_s=CALLS / total)
