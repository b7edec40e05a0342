// NextToken pagination, kept apart from the calls so that it can be tested with any
// page source: collect every page, or visit items until the visitor has seen enough.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/client.hpp"

namespace ssmlink::cloud {

// One response of a paginated operation.
template <typename Item>
struct Page {
  std::vector<Item> items;
  std::optional<std::string> next_token;  // none or empty: the last page
};
// Spelled out for clang before 17, which does not deduce aggregates' template arguments.
template <typename Item>
Page(std::vector<Item>, std::optional<std::string>) -> Page<Item>;

// Every item of every page, in order. fetch_page(token) returns a Page<Item>; it gets no
// token first, then each NextToken. `what` ("EC2 DescribeVpcs") names the operation when
// a token repeats.
template <typename Item, typename FetchPage>
std::vector<Item> collect_pages(const std::string& what, FetchPage fetch_page) {
  std::vector<Item> all;
  aws::paginate(what, [&](const std::optional<std::string>& token) {
    Page<Item> page = fetch_page(token);
    for (Item& item : page.items)
      all.push_back(std::move(item));
    return page.next_token;
  });
  return all;
}

// Calls visit(item) for each item in order until it returns false; after that no item is
// visited and no further page is fetched.
template <typename Item, typename FetchPage, typename Visit>
void visit_pages(const std::string& what, FetchPage fetch_page, Visit visit) {
  aws::paginate(what, [&](const std::optional<std::string>& token) -> std::optional<std::string> {
    Page<Item> page = fetch_page(token);
    for (const Item& item : page.items) {
      if (!visit(item)) return std::nullopt;
    }
    return page.next_token;
  });
}

}  // namespace ssmlink::cloud
