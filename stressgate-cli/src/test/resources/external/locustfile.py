"""Two user types for LocustExternalIT: browsers read two pages, buyers post to a cart."""
from locust import HttpUser, task, constant


class Browser(HttpUser):
    wait_time = constant(0.05)

    @task(3)
    def home(self):
        self.client.get("/")

    @task(1)
    def item(self):
        self.client.get("/items/1", name="item")


class Buyer(HttpUser):
    wait_time = constant(0.1)

    @task
    def cart(self):
        self.client.post("/cart", data="x")
