"""The async driver: the core's commands performed with httpx.AsyncClient and anyio."""
