app_name = "mobility"
urlpatterns: list = []
