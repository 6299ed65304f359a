"""The API's routers: HTTP only, each calling the store's views and the policy's functions."""
